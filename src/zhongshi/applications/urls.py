from django.urls import path

from zhongshi.applications import views

app_name = "applications"
urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="application_list"),
    path("start/<slug:code>/", views.ApplicationStartView.as_view(), name="application_start"),
    path("<int:pk>/", views.ApplicationDetailView.as_view(), name="application_detail"),
    path("<int:pk>/edit/", views.ApplicationEditView.as_view(), name="application_edit"),
    path("<int:pk>/edit/<slug:section>/", views.ApplicationEditView.as_view(), name="application_edit_section"),
    path("<int:pk>/evidence/", views.EvidenceUploadView.as_view(), name="evidence_upload"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("<int:pk>/evidence/<int:evidence_pk>/delete/", views.EvidenceDeleteView.as_view(), name="evidence_delete"),
    path("<int:pk>/submit/", views.ApplicationSubmitView.as_view(), name="application_submit"),
    path("<int:pk>/withdraw/", views.ApplicationWithdrawView.as_view(), name="application_withdraw"),
    path("<int:pk>/print/", views.ApplicationPrintView.as_view(), name="application_print"),
    path("<int:pk>/export/<slug:fmt>/", views.ApplicationExportView.as_view(), name="application_export"),
]
