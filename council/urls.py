"""Pages of the council app under /c/<slug>/ (mounted in config/urls.py)."""

from django.urls import path

from . import views
from .contracts.urls import urlpatterns as contract_urls

app_name = "council"
urlpatterns = [
    path("council/", views.home, name="home"),
    path("council/settings/", views.settings_edit, name="settings"),
    path("council/convene-requests/new/", views.convene_request_new, name="convene_request_new"),
    path("council/reps/new/", views.rep_new, name="rep_new"),
    path("council/reps/<int:pk>/suspend/", views.rep_suspend, name="rep_suspend"),
    path("council/reps/<int:pk>/unsuspend/", views.rep_unsuspend, name="rep_unsuspend"),
    path("council/reps/<int:pk>/end/", views.rep_end, name="rep_end"),
    path("council/reps/<int:pk>/officer/", views.officer_new, name="officer_new"),
    path("council/meetings/", views.meeting_list, name="meeting_list"),
    path("council/meetings/new/", views.meeting_new, name="meeting_new"),
    path("council/meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("council/meetings/<int:pk>/notice/", views.meeting_notice, name="meeting_notice"),
    path("council/meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path(
        "council/meetings/<int:pk>/attendance/",
        views.meeting_attendance,
        name="meeting_attendance",
    ),
    path("council/meetings/<int:pk>/recording/", views.meeting_recording, name="meeting_recording"),
    path("council/meetings/<int:pk>/observe/", views.meeting_observe, name="meeting_observe"),
    path(
        "council/meetings/<int:pk>/observers/",
        views.meeting_observer_add,
        name="meeting_observer_add",
    ),
    path(
        "council/meetings/<int:pk>/recording/file/",
        views.meeting_recording_file,
        name="meeting_recording_file",
    ),
    path("council/meetings/<int:pk>/minutes/", views.minutes_view, name="minutes"),
    path("council/meetings/<int:pk>/minutes/sign/", views.minutes_sign, name="minutes_sign"),
    path(
        "council/meetings/<int:pk>/minutes/complete/",
        views.minutes_complete,
        name="minutes_complete",
    ),
    path("council/meetings/<int:pk>/minutes/speech/", views.minutes_speech, name="minutes_speech"),
    path(
        "council/meetings/<int:pk>/minutes/publish/",
        views.minutes_publish,
        name="minutes_publish",
    ),
    path("council/meetings/<int:pk>/minutes/pdf/", views.minutes_pdf, name="minutes_pdf"),
    path("council/items/", views.item_list, name="item_list"),
    path("council/items/new/", views.item_new, name="item_new"),
    path("council/items/<int:pk>/", views.item_detail, name="item_detail"),
    path("council/items/<int:pk>/attachment/", views.item_attachment, name="item_attachment"),
    path("council/items/<int:pk>/submit/", views.item_submit, name="item_submit"),
    path("council/items/<int:pk>/objections/", views.item_objections, name="item_objections"),
    path("council/items/<int:pk>/exclude/", views.item_exclude, name="item_exclude"),
    path("council/items/<int:pk>/schedule/", views.item_schedule, name="item_schedule"),
    path("council/items/<int:pk>/vote/", views.item_vote, name="item_vote"),
    path("council/items/<int:pk>/decide/", views.item_decide, name="item_decide"),
    path("council/reconsiderations/", views.reconsideration_list, name="reconsideration_list"),
    path(
        "council/resolutions/<int:pk>/reconsider/",
        views.reconsideration_new,
        name="reconsideration_new",
    ),
    path(
        "council/reconsiderations/<int:pk>/result/",
        views.reconsideration_result,
        name="reconsideration_result",
    ),
    path("council/expenses/", views.expense_list, name="expense_list"),
    path("council/expenses/new/", views.expense_new, name="expense_new"),
    path("council/expenses/<int:pk>/receipt/", views.expense_receipt, name="expense_receipt"),
    path("council/expenses/publish/", views.expense_publish, name="expense_publish"),
    path("council/receipt/<str:token>/", views.notice_receipt, name="notice_receipt"),
    *contract_urls,  # procurement, contracts, renewals, audits (council/contracts/)
]
