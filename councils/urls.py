from django.urls import path

from councils import views

urlpatterns = [
    path("membership/<str:gss_code>/", views.members, name="council_members"),
    path("membership/<str:gss_code>/remove/<id:user_id>/", views.remove_member, name="council_member_remove"),
]
