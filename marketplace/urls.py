from django.urls import path

from marketplace import views

app_name = "marketplace"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("products/", views.product_list, name="products"),
    path("products/<id:pk>/", views.product_detail, name="product"),
    path("councils/<str:gss_code>/register/", views.council_register, name="council_register"),
    path("councils/<str:gss_code>/register/add/", views.register_add, name="register_add"),
    path("register/<id:pk>/edit/", views.register_edit, name="register_edit"),
    path("register/<id:pk>/delete/", views.register_delete, name="register_delete"),
    path("contracts-ending/", views.contracts_ending, name="contracts_ending"),
    path("buying-groups/", views.group_list, name="groups"),
    path("buying-groups/start/", views.group_start, name="group_start"),
    path("buying-groups/<id:pk>/", views.group_detail, name="group"),
    path("buying-groups/<id:pk>/join/", views.group_join, name="group_join"),
]
