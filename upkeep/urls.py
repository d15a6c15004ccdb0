from django.urls import path

from upkeep import views

urlpatterns = [
    path("confirm/<id:page_id>/", views.confirm_page, name="confirm_page"),
]
