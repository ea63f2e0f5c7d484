"""Pages of the fees app under /c/<slug>/ (mounted in config/urls.py)."""

from django.urls import path

from . import views

app_name = "fees"
urlpatterns = [
    path("bills/", views.bill_list, name="bill_list"),
    path("bills/<int:pk>/", views.bill_detail, name="bill_detail"),
    path("bills/<int:pk>/pdf/", views.bill_pdf, name="bill_pdf"),
    path("fees/breakdown/", views.breakdown, name="breakdown"),
    path("fees/budget/<year:year>/", views.budget, name="budget"),
    path("fees/settlement/<year:year>/", views.year_settlement, name="year_settlement"),
    path("fees/settlement/<year:year>/pdf/", views.year_settlement_pdf, name="year_settlement_pdf"),
    path("office/fees/", views.office_home, name="office_home"),
    path("office/fees/settings/", views.fee_settings, name="settings"),
    path("office/fees/pdf/<int:pk>/", views.pdf_batch_file, name="pdf_batch_file"),
    path("office/fees/<str:period>/", views.period_page, name="period"),
    path("office/fees/<str:period>/draft/", views.run_draft, name="run_draft"),
    path("office/fees/<str:period>/issue/", views.run_issue, name="run_issue"),
    path("office/fees/<str:period>/bills/", views.run_bills, name="run_bills"),
    path("office/fees/<str:period>/pdf/", views.run_pdf, name="run_pdf"),
    path("office/payments/", views.payments, name="payments"),
    path("office/arrears/", views.arrears, name="arrears"),
    path("office/adjustments/", views.adjustments, name="adjustments"),
    path("office/misc-income/", views.misc_income, name="misc_income"),
    path("office/misc-income/uses/", views.misc_income_uses, name="misc_income_uses"),
    path("office/deposits/", views.deposits, name="deposits"),
    path(
        "office/usage-reconciliation/",
        views.usage_reconciliation,
        name="usage_reconciliation",
    ),
    path("office/meters/", views.meters, name="meters"),
    path("office/move-out/", views.move_outs, name="move_outs"),
    path("office/move-out/<int:pk>/pdf/", views.move_out_pdf, name="move_out_pdf"),
]
