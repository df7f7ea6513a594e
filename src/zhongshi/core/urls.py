from django.urls import path

from zhongshi.core import views

app_name = "core"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("help/", views.HelpView.as_view(), name="help"),
    path("healthz", views.HealthView.as_view(), name="health"),
]
