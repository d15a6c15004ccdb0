from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from challenges import before_you_start
from sandbox_site import views
from sandbox_site.api import api
from sandbox_site.sitemap import SiteSitemap
from sandbox_site.wagtail_hooks import page_types_usage_for_site_admins

urlpatterns = [
    # Before the admin include: an admin-only JSON endpoint for the similar-content panel.
    path("admin/similar-content/", before_you_start.similar_content_json, name="challenges-similar-content"),
    # Before the admin include, so they replace Wagtail's own routes for the report (site admins only).
    path("admin/reports/page-types-usage/", page_types_usage_for_site_admins()),
    path("admin/reports/page-types-usage/results/", page_types_usage_for_site_admins(results_only=True)),
    # One sign-in page for everyone: Wagtail's own is sent to it, keeping where the editor was going.
    path("admin/login/", views.admin_sign_in),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("open-data/", views.open_data, name="open-data"),
    path("healthz", views.health, name="health"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": SiteSitemap}}),
    path("search/", include("search.urls")),
    path("api/v1/", api.urls),
    path("marketplace/", include("marketplace.urls")),
    path("before-you-start/", before_you_start.before_you_start, name="before-you-start"),
    path("", include("following.urls")),
    # Collaboration: membership, interest, adoption, re-confirming content.
    path("", include("councils.urls")),
    path("", include("challenges.urls")),
    path("", include("patterns.urls")),
    path("", include("upkeep.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "sandbox_site.views.page_not_found"
handler500 = "sandbox_site.views.server_error"
