"""Pages of the disclosure app under /c/<slug>/ (mounted in config/urls.py)."""

app_name = "disclosure"
urlpatterns = []
