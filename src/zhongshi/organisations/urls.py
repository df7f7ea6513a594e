from django.urls import path

from zhongshi.organisations import views

app_name = "organisations"
urlpatterns = [
    path("host/", views.HostOrgListView.as_view(), name="hostorg_list"),
    path("host/<int:pk>/", views.HostOrgDetailView.as_view(), name="hostorg_detail"),
    path("host/<int:pk>/edit/", views.HostOrgEditView.as_view(), name="hostorg_edit"),
    path("host/<int:pk>/approve/", views.HostOrgDecideView.as_view(approve=True), name="hostorg_approve"),
    path("host/<int:pk>/reject/", views.HostOrgDecideView.as_view(approve=False), name="hostorg_reject"),
    path("authorities/", views.AuthorityListView.as_view(), name="authority_list"),
    path("partners/", views.PartnerListView.as_view(), name="partner_list"),
    path("partners/<int:pk>/delete/", views.PartnerDeleteView.as_view(), name="partner_delete"),
    path("experts/", views.ExpertListView.as_view(), name="expert_list"),
]
