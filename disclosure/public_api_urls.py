"""The public read-only API under /api/v1/public/ (inside the "api" namespace: names start with
"public_")."""

from django.urls import path

from . import api, contracts_api

urlpatterns = [
    path("complexes/", api.PublicComplexList.as_view(), name="public_complex_list"),
    path("complexes/<slug:slug>/", api.PublicComplexDetail.as_view(), name="public_complex_detail"),
    path(
        "complexes/<slug:slug>/disclosures/",
        api.PublicPublicationList.as_view(),
        name="public_publication_list",
    ),
    path(
        "complexes/<slug:slug>/disclosures/<int:pk>/",
        api.PublicPublicationDetail.as_view(),
        name="public_publication_detail",
    ),
    path(
        "complexes/<slug:slug>/disclosures.csv",
        api.PublicPublicationsCsv.as_view(),
        name="public_publications_csv",
    ),
    path("complexes/<slug:slug>/fees/", api.PublicFeeList.as_view(), name="public_fee_list"),
    path("complexes/<slug:slug>/fees.csv", api.PublicFeesCsv.as_view(), name="public_fees_csv"),
    path("complexes/<slug:slug>/reserve/", api.PublicReserve.as_view(), name="public_reserve"),
    path(
        "complexes/<slug:slug>/comparison/",
        api.PublicComparison.as_view(),
        name="public_comparison",
    ),
    path(
        "complexes/<slug:slug>/tenders/",
        contracts_api.PublicTenderList.as_view(),
        name="public_tender_list",
    ),
    path(
        "complexes/<slug:slug>/contracts/",
        contracts_api.PublicContractList.as_view(),
        name="public_contract_list",
    ),
    path(
        "complexes/<slug:slug>/renewals/",
        contracts_api.PublicRenewalList.as_view(),
        name="public_renewal_list",
    ),
    path(
        "complexes/<slug:slug>/audits/",
        contracts_api.PublicAuditList.as_view(),
        name="public_audit_list",
    ),
]
