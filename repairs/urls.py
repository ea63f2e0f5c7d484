"""Pages of the repairs app under /c/<slug>/ (mounted in config/urls.py)."""

from django.urls import path

from . import views

app_name = "repairs"
urlpatterns = [
    path("repairs/", views.overview, name="overview"),
    path("repairs/components/", views.components, name="components"),
    path("repairs/plan/new/", views.plan_create, name="plan_create"),
    path("repairs/plan/import/", views.plan_import, name="import"),
    path("repairs/plan/phases/", views.phases_edit, name="phases"),
    path("repairs/components/new/", views.component_edit, name="component_add"),
    path("repairs/components/<int:pk>/edit/", views.component_edit, name="component_edit"),
    path("repairs/components/<int:pk>/remove/", views.component_remove, name="component_remove"),
    path("repairs/revisions/", views.revision_list, name="revision_list"),
    path("repairs/revisions/<int:pk>/", views.revision_detail, name="revision_detail"),
    path("repairs/reviews/", views.reviews, name="reviews"),
    path(
        "repairs/reviews/<int:pk>/resolution/",
        views.review_resolution,
        name="review_resolution",
    ),
    path(
        "repairs/revisions/<int:pk>/resolution/",
        views.revision_resolution,
        name="revision_resolution",
    ),
    path("repairs/ledger/", views.ledger, name="ledger"),
    path("repairs/projection/", views.projection, name="projection"),
    path("repairs/status/", views.status_latest, name="status_latest"),
    path("repairs/status/<year:year>/", views.status, name="status"),
    path("repairs/status/<year:year>/pdf/", views.status_pdf, name="status_pdf"),
    path("repairs/status/<year:year>/publish/", views.status_publish, name="status_publish"),
    path("repairs/usage-plans/", views.usage_plan_list, name="usage_plan_list"),
    path("repairs/usage-plans/new/", views.usage_plan_create, name="usage_plan_create"),
    path("repairs/usage-plans/<int:pk>/", views.usage_plan_detail, name="usage_plan_detail"),
    path("repairs/usage-plans/<int:pk>/pdf/", views.usage_plan_pdf, name="usage_plan_pdf"),
    path(
        "repairs/usage-plans/<int:pk>/approve/",
        views.usage_plan_approve,
        name="usage_plan_approve",
    ),
    path(
        "repairs/usage-plans/<int:pk>/contract/",
        views.usage_plan_contract,
        name="usage_plan_contract",
    ),
    path("repairs/usage-plans/<int:pk>/spend/", views.usage_plan_spend, name="usage_plan_spend"),
    path(
        "repairs/usage-plans/<int:pk>/documents/",
        views.usage_plan_document,
        name="usage_plan_document",
    ),
    path(
        "repairs/usage-plans/<int:pk>/documents/<int:doc_pk>/",
        views.usage_plan_document_download,
        name="usage_plan_document_download",
    ),
    path("repairs/certificate/", views.certificate, name="certificate"),
    path("repairs/developer/", views.developer_statement, name="developer_statement"),
    path("repairs/developer/pdf/", views.developer_statement_pdf, name="developer_statement_pdf"),
    path("repairs/settings/", views.settings_edit, name="settings"),
]
