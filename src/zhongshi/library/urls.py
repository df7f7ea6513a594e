"""The library's URLs, gathered from the modules of its areas (platforms, import/export, quarterly updates,
lifecycle: tiers, removals, change reports, support; periodic adjustment)."""

from zhongshi.library.views import adjustment, io, lifecycle, platforms, quarterly

app_name = "library"
urlpatterns = [*platforms.urlpatterns, *io.urlpatterns, *quarterly.urlpatterns, *lifecycle.urlpatterns,
               *adjustment.urlpatterns]
