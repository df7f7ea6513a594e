from django.urls import path

from zhongshi.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("export.xlsx", views.QueueExportView.as_view(), name="queue_export"),
    path("forward/", views.ForwardView.as_view(), name="forward"),
    path("letter-template.docx", views.LetterTemplateView.as_view(), name="letter_template"),
    path("summary/<slug:code>.xlsx", views.SummarySheetView.as_view(), name="summary_sheet"),
    path("exports/<int:pk>/", views.ExportJobView.as_view(), name="export_job"),
    path("exports/<int:pk>/download/", views.ExportDownloadView.as_view(), name="export_download"),
    path("application/<int:pk>/", views.ReviewView.as_view(), name="review"),
    path("application/<int:pk>/evidence/<int:evidence_pk>/preview/", views.EvidencePreviewView.as_view(),
         name="evidence_preview"),
    path("application/<int:pk>/annex.docx", views.ReviewAnnexView.as_view(), name="review_annex"),
    path("application/<int:pk>/compare/", views.CompareRoundsView.as_view(), name="compare"),
    path("letters/<int:pk>/", views.LetterDownloadView.as_view(), name="letter_download"),
    path("calls/<slug:code>/extensions/", views.ExtensionView.as_view(), name="extensions"),
    path("calls/<slug:code>/notice/", views.NoticeCreateView.as_view(), name="notice_create"),
    path("notices/", views.NoticeListView.as_view(), name="notice_list"),
    path("notices/<int:pk>/", views.NoticeDetailView.as_view(), name="notice_detail"),
    path("notices/<int:pk>/objections/<int:objection_pk>/", views.ObjectionHandleView.as_view(),
         name="objection_handle"),
    path("notices/<int:pk>/objections/dismiss/", views.ObjectionDismissView.as_view(), name="objection_dismiss"),
    path("notices/<int:pk>/close/", views.NoticeCloseView.as_view(), name="notice_close"),
]
