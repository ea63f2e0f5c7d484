"""API routes of the elections app under /api/v1/complexes/<slug>/ (mounted in config/urls.py).
Route names live in the shared "api" namespace: prefix them with the app's nouns."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("elections/committee", api.CommitteeViewSet, basename="elections-committee")
router.register("elections/votes", api.VoteViewSet, basename="elections-vote")
router.register("elections/recalls", api.RecallViewSet, basename="elections-recall")
router.register(
    r"elections/votes/(?P<vote_pk>[0-9]+)/candidates",
    api.CandidateViewSet,
    basename="elections-candidate",
)

urlpatterns = [
    path(
        "elections/votes/<int:vote_pk>/ballots/",
        api.BallotView.as_view(),
        name="elections-ballots",
    ),
    path(
        "elections/votes/<int:vote_pk>/certificates/<int:candidate_pk>/pdf/",
        api.CertificatePdfView.as_view(),
        name="elections-certificate-pdf",
    ),
    *router.urls,
]
