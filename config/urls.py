from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from complexes import api as complexes_api
from complexes import views as complexes_views
from residents.joining import api as joining_api
from residents.joining import views as joining_views

# The admin logs in through the site's login (allauth: its second factor, its lockout).
admin.site.login = secure_admin_login(admin.site.login)

# /api/v1/complexes/ and /api/v1/complexes/<slug>/
root_router = SimpleRouter()
root_router.register("complexes", complexes_api.ComplexViewSet, basename="complex")

# Everything under /api/v1/complexes/<slug>/ (ComplexScopedMixin resolves the slug).
complex_router = SimpleRouter()
complex_router.register("buildings", complexes_api.BuildingViewSet, basename="building")
complex_router.register("units", complexes_api.UnitViewSet, basename="unit")
complex_router.register("wards", complexes_api.WardViewSet, basename="ward")

# Each domain app adds its complex-scoped API routes in <app>/api_urls.py and its pages in
# <app>/urls.py; both are mounted under the complex's slug here, and nowhere else.
DOMAIN_APPS = ["residents", "council", "elections", "fees", "repairs", "disclosure"]

api_v1 = [
    path("auth/token/", complexes_api.TokenView.as_view(), name="auth_token"),
    path("auth/logout/", complexes_api.TokenLogoutView.as_view(), name="auth_logout"),
    path("auth/logout/all/", complexes_api.TokenLogoutAllView.as_view(), name="auth_logout_all"),
    path("join/", joining_api.JoinView.as_view(), name="join"),
    path("complexes/<slug:slug>/", include(complex_router.urls)),
    path("public/", include("disclosure.public_api_urls")),  # open data, no login
    *[path("complexes/<slug:slug>/", include(f"{app}.api_urls")) for app in DOMAIN_APPS],
    *root_router.urls,
]

urlpatterns = [
    path("", complexes_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("join/", joining_views.join, name="join"),
    path("invite/<str:token>/", complexes_views.invitation_accept, name="invitation_accept"),
    path("district/<str:code>/", include("disclosure.district_urls")),
    path("public/", include("disclosure.public_urls")),  # the public portal, no login
    path("c/<slug:slug>/", include("complexes.urls")),
    *[path("c/<slug:slug>/", include(f"{app}.urls")) for app in DOMAIN_APPS],
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script (CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api_docs"),
    path("admin/", admin.site.urls),
]
