"""API routes of the residents app under /api/v1/complexes/<slug>/ (mounted in config/urls.py).
Route names live in the shared "api" namespace: prefix them with the app's nouns."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api
from .joining import api as joining_api
from .petitions import api as petitions_api

router = SimpleRouter()
router.register("residents", api.OccupancyViewSet, basename="resident")
router.register("complaints", api.ComplaintViewSet, basename="complaint")
router.register("notices", api.NoticeViewSet, basename="notice")
router.register("petitions", petitions_api.PetitionViewSet, basename="petition")
router.register("join-requests", joining_api.JoinRequestViewSet, basename="join-request")

urlpatterns = [
    path(
        "units/<int:unit_id>/residents/",
        api.UnitResidentsView.as_view(),
        name="unit-residents",
    ),
    path(
        "complaints/<int:complaint_id>/events/",
        api.ComplaintEventsView.as_view(),
        name="complaint-events",
    ),
    *router.urls,
]
