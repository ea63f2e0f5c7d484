"""API routes of the council app under /api/v1/complexes/<slug>/ (mounted in config/urls.py).
Route names live in the shared "api" namespace: prefix them with the app's nouns."""

from rest_framework.routers import SimpleRouter

from . import api, api_convene

router = SimpleRouter()
router.register("council/members", api.MemberViewSet, basename="council-member")
router.register("council/meetings", api.MeetingViewSet, basename="council-meeting")
router.register("council/agenda-items", api.AgendaItemViewSet, basename="council-agenda-item")
router.register(
    "council/reconsiderations", api.ReconsiderationViewSet, basename="council-reconsideration"
)
router.register(
    "council/convene-requests",
    api_convene.ConveneRequestViewSet,
    basename="council-convene-request",
)
router.register("council/expenses", api.ExpenseViewSet, basename="council-expense")
router.register("council/resolutions", api.ResolutionViewSet, basename="council-resolution")

urlpatterns = router.urls
