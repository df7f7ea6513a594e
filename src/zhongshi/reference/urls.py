from django.urls import path

from zhongshi.reference import views

app_name = "reference"
urlpatterns = [path("", views.VocabularyListView.as_view(), name="vocabulary_list")]
