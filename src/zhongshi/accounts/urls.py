from django.urls import path

from zhongshi.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("register/done/", views.RegisterDoneView.as_view(), name="register_done"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/new/", views.UserCreateView.as_view(), name="user_create"),
    path("users/<int:pk>/", views.UserEditView.as_view(), name="user_edit"),
    path("users/<int:pk>/active/", views.UserActiveView.as_view(), name="user_active"),
    path("users/<int:pk>/reset-password/", views.ResetPasswordView.as_view(), name="user_reset_password"),
    path("users/<int:pk>/unlock/", views.UnlockUserView.as_view(), name="user_unlock"),
]
