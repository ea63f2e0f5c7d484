"""Pages of the residents app under /c/<slug>/ (mounted in config/urls.py)."""

from django.urls import path

from . import views
from .joining import views as joining
from .petitions import views as petitions

app_name = "residents"
urlpatterns = [
    # the register (office only)
    path("office/register/", views.register_list, name="register_list"),
    path("office/join-requests/", joining.join_request_list, name="join_request_list"),
    path(
        "office/join-requests/<int:pk>/decide/",
        joining.join_request_decide,
        name="join_request_decide",
    ),
    path("office/register/new/", views.register_create, name="register_create"),
    path("office/register/import/", views.register_import, name="register_import"),
    path("office/register/changes/", views.change_request_list, name="change_request_list"),
    path(
        "office/register/changes/<int:pk>/decide/",
        views.change_request_decide,
        name="change_request_decide",
    ),
    path("office/register/<int:pk>/", views.register_detail, name="register_detail"),
    path("office/register/<int:pk>/edit/", views.register_edit, name="register_edit"),
    path("office/register/<int:pk>/move-out/", views.register_move_out, name="register_move_out"),
    path("office/register/<int:pk>/settled/", views.register_settled, name="register_settled"),
    path("office/register/<int:pk>/invite/", views.register_invite, name="register_invite"),
    path("office/register/<int:pk>/voter/", views.voter_designate, name="voter_designate"),
    path(
        "office/voters/<int:pk>/document/",
        views.voter_document,
        name="voter_document",
    ),
    path("office/residents/settings/", views.settings_edit, name="settings_edit"),
    # a resident's own entry
    path("my/register/", views.my_register, name="my_register"),
    # complaints
    path("complaints/", views.complaint_list, name="complaint_list"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/report/", views.complaint_report, name="complaint_report"),
    path("complaints/report.pdf", views.complaint_report_pdf, name="complaint_report_pdf"),
    path("complaints/<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("complaints/<int:pk>/act/", views.complaint_act, name="complaint_act"),
    path(
        "complaints/<int:pk>/files/<int:file_pk>/",
        views.complaint_attachment,
        name="complaint_attachment",
    ),
    # residents' petitions (Arts. 23②⑥, 26③4, 34①, 61)
    path("petitions/", petitions.petition_list, name="petition_list"),
    path("petitions/new/<slug:kind>/", petitions.petition_start, name="petition_start"),
    path("petitions/<int:pk>/", petitions.petition_detail, name="petition_detail"),
    path("petitions/<int:pk>/sign/", petitions.petition_sign, name="petition_sign"),
    path("petitions/<int:pk>/paper/", petitions.petition_paper, name="petition_paper"),
    path(
        "petitions/<int:pk>/papers/<int:paper_pk>/scan/",
        petitions.petition_scan,
        name="petition_scan",
    ),
    # notices
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/new/", views.notice_edit, name="notice_create"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/edit/", views.notice_edit, name="notice_edit"),
    path("notices/<int:pk>/delete/", views.notice_delete, name="notice_delete"),
    path(
        "notices/<int:pk>/files/<int:file_pk>/",
        views.notice_attachment,
        name="notice_attachment",
    ),
]
