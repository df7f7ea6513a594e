"""Library pages: adjustment (each area of the library keeps its views and URL patterns in its own module)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
