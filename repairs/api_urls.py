"""API routes of the repairs app under /api/v1/complexes/<slug>/ (mounted in config/urls.py).
Route names live in the shared "api" namespace: prefix them with the app's nouns."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("reserve/usage-plans", api.UsagePlanViewSet, basename="reserve-usage-plan")

urlpatterns = [
    path("repair-plan/", api.RepairPlanView.as_view(), name="repair-plan"),
    path("repair-plan/revisions/", api.RevisionListView.as_view(), name="repair-plan-revisions"),
    path(
        "repair-plan/revisions/<int:pk>/resolution/",
        api.RevisionResolutionView.as_view(),
        name="repair-plan-revision-resolution",
    ),
    path("repair-plan/reviews/", api.ReviewListView.as_view(), name="repair-plan-reviews"),
    path(
        "repair-plan/reviews/<int:pk>/resolution/",
        api.ReviewResolutionView.as_view(),
        name="repair-plan-review-resolution",
    ),
    path("reserve/ledger/", api.LedgerView.as_view(), name="reserve-ledger"),
    path("reserve/status/<year:year>/", api.StatusView.as_view(), name="reserve-status"),
    path("reserve/projection/", api.ProjectionView.as_view(), name="reserve-projection"),
    path(
        "reserve/developer-statement/",
        api.DeveloperStatementView.as_view(),
        name="reserve-developer-statement",
    ),
    path(
        "units/<int:unit_id>/reserve-certificate/",
        api.CertificateView.as_view(),
        name="reserve-certificate",
    ),
    *router.urls,
]
