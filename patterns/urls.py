from django.urls import path

from patterns import views

urlpatterns = [
    path("adoption/", views.dashboard, name="adoption_dashboard"),
    path("adoption/pattern-adoption.csv", views.dashboard_csv, name="adoption_csv"),
    path("adoption/patterns/<id:pattern_id>/", views.pattern_adoption, name="adoption_pattern"),
    path("adoption/patterns/<id:pattern_id>/record/", views.record_adoption, name="adoption_record_form"),
    path("adoption/records/<id:record_id>/", views.adoption_record, name="adoption_record"),
    path("adoption/records/<id:record_id>/assess/", views.assess, name="adoption_assess"),
]
