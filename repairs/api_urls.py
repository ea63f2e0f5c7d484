"""API routes of the repairs app under /api/v1/complexes/<slug>/ (mounted in config/urls.py).
Route names live in the shared "api" namespace: prefix them with the app's nouns."""

urlpatterns = []
