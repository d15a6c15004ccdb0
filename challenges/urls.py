from django.urls import path

from challenges import views

urlpatterns = [
    path("interest/challenges/<int:challenge_id>/", views.register_interest, name="register_interest"),
    path("interest/<int:interest_id>/withdraw/", views.withdraw_interest, name="withdraw_interest"),
]
