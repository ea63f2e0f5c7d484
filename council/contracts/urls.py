"""Pages of procurements, contracts, renewals and audits under /c/<slug>/contracts/ (included
from council/urls.py, names in the "council" namespace)."""

from django.urls import path

from . import views, views_renewals

P = "contracts/"
urlpatterns = [
    path(P, views.home, name="contracts_home"),
    path(f"{P}settings/", views.settings_edit, name="contracts_settings"),
    path(f"{P}procurements/new/", views.procurement_new, name="procurement_new"),
    path(f"{P}procurements/<int:pk>/", views.procurement_detail, name="procurement_detail"),
    path(f"{P}procurements/<int:pk>/method/", views.procurement_method, name="procurement_method"),
    path(f"{P}procurements/<int:pk>/notice/", views.procurement_notice, name="procurement_notice"),
    path(f"{P}procurements/<int:pk>/bids/new/", views.bid_new, name="bid_new"),
    path(
        f"{P}procurements/<int:pk>/bids/<int:bid_pk>/disqualify/",
        views.bid_disqualify,
        name="bid_disqualify",
    ),
    path(f"{P}procurements/<int:pk>/score/", views.procurement_score, name="procurement_score"),
    path(f"{P}procurements/<int:pk>/award/", views.procurement_award, name="procurement_award"),
    path(f"{P}procurements/<int:pk>/cancel/", views.procurement_cancel, name="procurement_cancel"),
    path(f"{P}procurements/<int:pk>/form9.pdf", views.procurement_pdf, name="procurement_pdf"),
    path(f"{P}new/", views.contract_new, name="contract_new"),
    path(f"{P}<int:pk>/", views.contract_detail, name="contract_detail"),
    path(f"{P}<int:pk>/publish/", views.contract_publish, name="contract_publish"),
    path(f"{P}<int:pk>/recontract/", views_renewals.recontract_new, name="recontract_new"),
    path(f"{P}<int:pk>/evaluation/", views_renewals.evaluation_new, name="evaluation_new"),
    path(f"{P}<int:pk>/restriction/", views_renewals.restriction_new, name="restriction_new"),
    path(f"{P}recontracts/<int:pk>/", views_renewals.recontract_detail, name="recontract_detail"),
    path(f"{P}recontracts/<int:pk>/opinions/", views_renewals.opinion_new, name="opinion_new"),
    path(
        f"{P}recontracts/<int:pk>/decide/",
        views_renewals.recontract_decide,
        name="recontract_decide",
    ),
    path(
        f"{P}evaluations/<int:pk>/decide/",
        views_renewals.evaluation_decide,
        name="evaluation_decide",
    ),
    path(
        f"{P}evaluations/<int:pk>/form10.pdf", views_renewals.evaluation_pdf, name="evaluation_pdf"
    ),
    path(f"{P}audits/", views_renewals.audit_list, name="audit_list"),
    path(f"{P}audits/auditors/new/", views_renewals.auditor_new, name="auditor_new"),
    path(f"{P}audits/new/", views_renewals.audit_new, name="audit_new"),
    path(f"{P}guarantees/new/", views_renewals.guarantee_new, name="guarantee_new"),
    path(f"{P}method-change/", views_renewals.method_change_new, name="method_change_new"),
    path(f"{P}audits/<int:pk>/", views_renewals.audit_detail, name="audit_detail"),
    path(f"{P}audits/<int:pk>/publish/", views_renewals.audit_publish, name="audit_publish"),
    path(f"{P}findings/<int:pk>/close/", views_renewals.finding_close, name="finding_close"),
]
