"""Pages of the residents app under /c/<slug>/ (mounted in config/urls.py)."""

app_name = "residents"
urlpatterns = []
