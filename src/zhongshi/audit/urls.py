from django.urls import path

from zhongshi.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.AuditEntryListView.as_view(), name="entry_list"),
    path("export.xlsx", views.AuditEntryExportView.as_view(), name="entry_export"),
]
