from django.urls import path

from sandbox_site import upkeep_views

urlpatterns = [
    path("confirm/<id:page_id>/", upkeep_views.confirm_page, name="confirm_page"),
]
