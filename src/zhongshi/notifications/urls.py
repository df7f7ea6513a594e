from django.urls import path

from zhongshi.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path("read-all/", views.MarkAllReadView.as_view(), name="mark_all_read"),
    path("<int:pk>/", views.NotificationOpenView.as_view(), name="notification_open"),
    path("settings/", views.PreferencesView.as_view(), name="preferences"),
]
