"""API routes of the residents app under /api/v1/complexes/<slug>/ (mounted in config/urls.py).
Route names live in the shared "api" namespace: prefix them with the app's nouns."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api
from .community import api as community_api
from .joining import api as joining_api
from .notifications import api as notifications_api
from .petitions import api as petitions_api

router = SimpleRouter()
router.register("residents", api.OccupancyViewSet, basename="resident")
router.register("complaints", api.ComplaintViewSet, basename="complaint")
router.register("notices", api.NoticeViewSet, basename="notice")
router.register("petitions", petitions_api.PetitionViewSet, basename="petition")
# community life (Arts. 39–43, 65, 67–67-3)
router.register("facilities", community_api.FacilityViewSet, basename="facility")
router.register("cars", community_api.CarViewSet, basename="car")
router.register("visitor-cars", community_api.VisitorCarViewSet, basename="visitor-car")
router.register("consents", community_api.ConsentViewSet, basename="consent")
router.register("groups", community_api.GroupViewSet, basename="community-group")
router.register("deliveries", notifications_api.DeliveryViewSet, basename="delivery")
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
    path(
        "facilities/<int:facility_id>/bookings/",
        community_api.BookingViewSet.as_view({"get": "list", "post": "create"}),
        name="facility-bookings",
    ),
    path(
        "facilities/<int:facility_id>/bookings/<int:pk>/cancel/",
        community_api.BookingViewSet.as_view({"post": "cancel"}),
        name="facility-booking-cancel",
    ),
    path(
        "notification-settings/",
        notifications_api.NotificationSettingsView.as_view(),
        name="notification-settings",
    ),
    *router.urls,
]
