"""API routes of the disclosure app under /api/v1/complexes/<slug>/ (mounted in config/urls.py).
Route names live in the shared "api" namespace: prefix them with the app's nouns."""

from django.urls import path

from . import api

urlpatterns = [
    path("disclosures/", api.RegistryList.as_view(), name="disclosure_registry"),
]
