"""Pages of the council app under /c/<slug>/ (mounted in config/urls.py)."""

app_name = "council"
urlpatterns = []
