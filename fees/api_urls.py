"""API routes of the fees app under /api/v1/complexes/<slug>/ (mounted in config/urls.py).
Route names live in the shared "api" namespace, prefixed "fees-"."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("charge-items", api.ChargeItemViewSet, basename="fees-charge-item")
router.register("costs", api.CostViewSet, basename="fees-cost")
router.register("meter-readings", api.MeterReadingViewSet, basename="fees-meter-reading")
router.register("billing-runs", api.BillingRunViewSet, basename="fees-billing-run")
router.register("bills", api.BillViewSet, basename="fees-bill")
router.register("payments", api.PaymentViewSet, basename="fees-payment")
router.register("misc-income", api.MiscIncomeViewSet, basename="fees-misc-income")
router.register("contingency-uses", api.ContingencyUseViewSet, basename="fees-contingency-use")
router.register("deposits", api.FeeDepositViewSet, basename="fees-deposit")
router.register("move-outs", api.MoveOutSettlementViewSet, basename="fees-move-out")

urlpatterns = [
    *router.urls,
    path("budgets/<year:year>/", api.BudgetView.as_view(), name="fees-budget"),
]
