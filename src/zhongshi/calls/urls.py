from django.urls import path

from zhongshi.calls import views

app_name = "calls"
urlpatterns = [
    path("", views.CallListView.as_view(), name="call_list"),
    path("<slug:code>/", views.CallDetailView.as_view(), name="call_detail"),
    path("<slug:code>/copy/", views.CallCopyView.as_view(), name="call_copy"),
    path("<slug:code>/edit/", views.CallEditView.as_view(), name="call_edit"),
    path("<slug:code>/attachments/", views.AttachmentUploadView.as_view(), name="attachment_upload"),
    path("<slug:code>/attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("<slug:code>/attachments/<int:pk>/delete/", views.AttachmentDeleteView.as_view(),
         name="attachment_delete"),
]
