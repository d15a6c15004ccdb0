from django.urls import path

from challenges import views

urlpatterns = [
    path("interest/challenges/<id:challenge_id>/", views.register_interest, name="register_interest"),
    path("interest/<id:interest_id>/withdraw/", views.withdraw_interest, name="withdraw_interest"),
]
