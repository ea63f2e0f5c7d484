"""Pages under /c/<slug>/ (the slug is resolved by core.tenancy.complex_view)."""

from django.urls import path

from . import views

app_name = "complexes"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("office/buildings/", views.building_list, name="building_list"),
    path("office/buildings/new/", views.building_edit, name="building_create"),
    path("office/buildings/<int:pk>/edit/", views.building_edit, name="building_edit"),
    path("office/buildings/<int:pk>/delete/", views.building_delete, name="building_delete"),
    path("office/units/", views.unit_list, name="unit_list"),
    path("office/units/new/", views.unit_edit, name="unit_create"),
    path("office/units/import/", views.unit_import, name="unit_import"),
    path("office/units/join-codes/", views.join_codes, name="join_codes"),
    path("office/units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("office/units/<int:pk>/delete/", views.unit_delete, name="unit_delete"),
    path(
        "office/units/<int:pk>/join-code/", views.join_code_regenerate, name="join_code_regenerate"
    ),
    path("office/wards/", views.ward_list, name="ward_list"),
    path("office/wards/new/", views.ward_edit, name="ward_create"),
    path("office/wards/<int:pk>/edit/", views.ward_edit, name="ward_edit"),
    path("office/wards/<int:pk>/delete/", views.ward_delete, name="ward_delete"),
    path("office/members/", views.member_list, name="member_list"),
    path("office/members/<int:pk>/revoke/", views.member_revoke, name="member_revoke"),
]
