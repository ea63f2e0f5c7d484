"""Pages of the fees app under /c/<slug>/ (mounted in config/urls.py)."""

app_name = "fees"
urlpatterns = []
