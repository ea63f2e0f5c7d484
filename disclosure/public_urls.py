"""The public portal (no login): /public/ and /public/<slug>/… (mounted in config/urls.py)."""

from django.urls import path

from . import contracts_public, public

app_name = "public"
urlpatterns = [
    path("", public.index, name="index"),
    path("<slug:slug>/", public.complex_page, name="complex"),
    path("<slug:slug>/fees/", public.fees, name="fees"),
    path("<slug:slug>/comparison/", public.comparison, name="comparison"),
    path("<slug:slug>/disclosures/", public.publications, name="publications"),
    path("<slug:slug>/disclosures/<int:pk>/", public.publication, name="publication"),
    path("<slug:slug>/contracts/", contracts_public.contracts_page, name="contracts"),
]
