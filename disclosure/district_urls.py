"""District officials' pages at /district/<code>/… (names stay global: `district_dashboard` is
linked from the home chooser)."""

from django.urls import path

from . import district

urlpatterns = [
    path("", district.district_dashboard, name="district_dashboard"),
    path("export.csv", district.district_export, name="district_export"),
    path("comparison/", district.district_comparison, name="district_comparison"),
    path("complexes/<slug:slug>/", district.district_complex, name="district_complex"),
    path("contracts/", district.district_contracts, name="district_contracts"),
]
