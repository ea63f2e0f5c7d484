"""Pages of the elections app under /c/<slug>/ (mounted in config/urls.py)."""

app_name = "elections"
urlpatterns = []
