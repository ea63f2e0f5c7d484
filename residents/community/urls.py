"""Routes of community life, included by residents/urls.py under /c/<slug>/community/."""

from django.urls import path

from . import views, views_life

urlpatterns = [
    path("community/", views.community_home, name="community_home"),
    path("community/facilities/", views.facility_list, name="facility_list"),
    path("community/facilities/new/", views.facility_edit, name="facility_create"),
    path("community/facilities/<int:pk>/", views.facility_detail, name="facility_detail"),
    path("community/facilities/<int:pk>/edit/", views.facility_edit, name="facility_edit"),
    path("community/bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("community/cars/", views.car_list, name="car_list"),
    path("community/cars/<int:pk>/remove/", views.car_remove, name="car_remove"),
    path("community/visitors/", views.visitor_list, name="visitor_list"),
    path("community/visitors/<int:pk>/cancel/", views.visitor_cancel, name="visitor_cancel"),
    path("community/smoking/", views.smoking_report, name="smoking_report"),
    path("community/consents/", views_life.consent_list, name="consent_list"),
    path("community/consents/new/", views_life.consent_new, name="consent_new"),
    path("community/consents/<int:pk>/", views_life.consent_detail, name="consent_detail"),
    path("community/consents/<int:pk>/act/", views_life.consent_act, name="consent_act"),
    path(
        "community/consents/<int:pk>/withdraw/",
        views_life.consent_withdraw_confirm,
        name="consent_withdraw",
    ),
    path("community/consents/<int:pk>/pledge/", views_life.consent_pledge, name="consent_pledge"),
    path("community/layout/", views_life.layout_edit, name="layout_edit"),
    path("community/parking/", views_life.parking_list, name="parking_list"),
    path("community/parking/new/", views_life.parking_new, name="parking_new"),
    path("community/groups/", views_life.group_list, name="group_list"),
    path("community/groups/new/", views_life.group_new, name="group_new"),
    path("community/groups/<int:pk>/", views_life.group_detail, name="group_detail"),
    path(
        "community/groups/<int:pk>/funding/",
        views_life.group_funding_act,
        name="group_funding_act",
    ),
]
