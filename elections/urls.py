"""Pages of the elections app under /c/<slug>/ (mounted in config/urls.py)."""

from django.urls import path

from . import views

app_name = "elections"
urlpatterns = [
    path("elections/", views.index, name="index"),
    path("elections/committee/", views.committee, name="committee"),
    path("elections/votes/new/", views.vote_create, name="vote_create"),
    path("elections/votes/<int:pk>/", views.vote_detail, name="vote_detail"),
    path("elections/votes/<int:pk>/roll/", views.vote_roll, name="vote_roll"),
    path("elections/votes/<int:pk>/paper/", views.paper, name="paper"),
    path(
        "elections/votes/<int:pk>/candidates/new/", views.candidate_create, name="candidate_create"
    ),
    path(
        "elections/votes/<int:pk>/certificates/<int:candidate_pk>/pdf/",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("elections/votes/<int:pk>/<slug:action>/", views.vote_action, name="vote_action"),
    path("elections/candidates/<int:pk>/", views.candidate_detail, name="candidate_detail"),
    path("elections/candidates/<int:pk>/fees-paid/pdf/", views.fees_paid_pdf, name="fees_paid_pdf"),
    path("elections/recalls/", views.recall_list, name="recall_list"),
    path("elections/recalls/new/", views.recall_create, name="recall_create"),
    path("elections/recalls/<int:pk>/", views.recall_detail, name="recall_detail"),
    # The household's voting link: token + one-time code, no login (Art. 48②1).
    path("vote/<str:token>/", views.ballot_entry, name="ballot_entry"),
]
