"""Pages of the repairs app under /c/<slug>/ (mounted in config/urls.py)."""

app_name = "repairs"
urlpatterns = []
