"""The project's URLconf. Every view is a ProtectedMixin (one rules permission) or a PublicMixin;
tests/test_url_permissions.py walks every pattern here with every role."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from zhongshi.core.views import set_language_view

admin.site.site_header = settings.ZHONGSHI_SYSTEM_NAME
admin.site.site_title = settings.ZHONGSHI_SYSTEM_NAME


urlpatterns = [
    path("", include("zhongshi.core.urls")),
    path("accounts/", include("zhongshi.accounts.urls")),
    path("notifications/", include("zhongshi.notifications.urls")),
    path("organisations/", include("zhongshi.organisations.urls")),
    path("calls/", include("zhongshi.calls.urls")),
    path("applications/", include("zhongshi.applications.urls")),
    path("reviews/", include("zhongshi.reviews.urls")),
    path("library/", include("zhongshi.library.urls")),
    path("experts/", include("zhongshi.experts.urls")),
    path("audit/", include("zhongshi.audit.urls")),
    path("reference/", include("zhongshi.reference.urls")),
    path("i18n/setlang/", set_language_view, name="set_language"),
    path("admin/", admin.site.urls),
]

handler403 = "zhongshi.audit.views.permission_denied"
