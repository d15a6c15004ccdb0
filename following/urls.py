from django.urls import path

from following import feeds, views

app_name = "following"

urlpatterns = [
    path("feeds/councils/<slug:slug>/", feeds.CouncilFeed(), name="council-feed"),
    path("feeds/regional-centres/<slug:slug>/", feeds.CentreFeed(), name="centre-feed"),
    path("feeds/<slug:plural_slug>/", feeds.KindFeed(), name="kind-feed"),
    path("search/feed/", feeds.search_feed, name="search-feed"),
    path("saved-searches/", views.saved_searches, name="saved-searches"),
    path("saved-searches/save/", views.save, name="save-search"),
    path("saved-searches/<id:pk>/delete/", views.delete, name="delete-search"),
]
