"""API routes of the contracts package (included from council/api_urls.py, "api" namespace)."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("procurements", api.ProcurementViewSet, basename="contracts-procurement")
router.register("contracts", api.ContractViewSet, basename="contracts-contract")
router.register("recontracts", api.RecontractViewSet, basename="contracts-recontract")
router.register("evaluations", api.EvaluationViewSet, basename="contracts-evaluation")
router.register("audit-reports", api.AuditReportViewSet, basename="contracts-audit-report")

urlpatterns = router.urls
