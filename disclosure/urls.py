"""Pages of the disclosure app under /c/<slug>/ (mounted in config/urls.py)."""

from django.urls import path

from . import views

app_name = "disclosure"
urlpatterns = [
    path("office/disclosure/", views.registry, name="registry"),
    path("office/disclosure/new/", views.publication_create, name="publication_create"),
    path("office/disclosure/<int:pk>/", views.publication_detail, name="publication_detail"),
    path("office/disclosure/fees/<str:period>/", views.fee_month, name="fee_month"),
    path("office/record-requests/", views.request_list, name="request_list"),
    path("office/record-requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("records/requests/", views.my_requests, name="my_requests"),
]
