from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View

from zhongshi.accounts.domain.manage_users import (
    UserData,
    change_own_password,
    create_user,
    reset_password,
    set_user_active,
    unlock_user,
    update_user,
)
from zhongshi.accounts.domain.queries.users import locked_usernames
from zhongshi.accounts.enums import Role
from zhongshi.accounts.interfaces.forms import (
    ChangePasswordForm,
    LoginForm,
    RegistrationForm,
    ResetPasswordForm,
    UserCreateForm,
    UserForm,
)
from zhongshi.accounts.models import User
from zhongshi.core.domain.queries.search import filter_by_search
from zhongshi.core.errors import DomainError
from zhongshi.core.views_base import ObjectPermissionMixin, ProtectedMixin, PublicMixin, ScopedListMixin
from zhongshi.organisations.domain.register_host_org import HostOrgRegistration, register_host_org


class LoginView(PublicMixin, auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(PublicMixin, auth_views.LogoutView):
    pass


class PasswordChangeView(ProtectedMixin, FormView):
    permission_required = "accounts.change_own_password"
    template_name = "accounts/password_change.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("core:home")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form: ChangePasswordForm) -> HttpResponse:
        user = change_own_password(user=self.request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, user)
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


class RegisterView(PublicMixin, FormView):
    template_name = "accounts/register.html"
    form_class = RegistrationForm

    def form_valid(self, form: RegistrationForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            register_host_org(data=HostOrgRegistration(
                name=data["name"], credit_code=data["credit_code"], unit_type=data["unit_type"],
                district=data["district"], contact_name=data["contact_name"],
                contact_phone=data["contact_phone"], contact_email=data["contact_email"],
                username=data["username"], password=data["password1"], full_name=data["full_name"],
                address=data["address"],
            ))
        except DomainError as exc:
            field = {"password": "password1"}.get(exc.field or "", exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
            return self.form_invalid(form)
        return redirect("accounts:register_done")


class RegisterDoneView(PublicMixin, TemplateView):
    template_name = "accounts/register_done.html"


class UserListView(ScopedListMixin, ListView):
    permission_required = "accounts.list_user"
    model = User
    template_name = "accounts/user_list.html"
    paginate_by = 50

    def get_base_queryset(self) -> Any:
        queryset = User.objects.select_related("host_org", "authority", "enterprise").order_by("username")
        if self.request.GET.get("locked"):
            queryset = queryset.filter(username__in=locked_usernames())
        if self.request.GET.get("role") in Role.values:
            queryset = queryset.filter(role=self.request.GET["role"])
        return filter_by_search(queryset, self.request.GET.get("q"),
                                ["username", "full_name", "email", "host_org__name", "authority__name",
                                 "enterprise__name"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["locked"] = set(locked_usernames())
        context["roles"] = Role.choices
        return context


class UserObjectMixin(ObjectPermissionMixin):
    def get_object(self) -> User:
        return get_object_or_404(User, pk=self.kwargs["pk"])


class ResetPasswordView(UserObjectMixin, FormView):
    permission_required = "accounts.reset_password"
    template_name = "accounts/reset_password.html"
    form_class = ResetPasswordForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.get_permission_object()}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "target": self.get_permission_object()}

    def form_valid(self, form: ResetPasswordForm) -> HttpResponse:
        target = self.get_permission_object()
        try:
            reset_password(actor=self.request.user, user=target, new_password=form.cleaned_data["new_password1"])
        except DomainError as exc:
            form.add_error("new_password1", exc.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The password of %(user)s has been reset; they must change it at "
                                         "the next sign-in.") % {"user": target.display_name})
        return HttpResponseRedirect(reverse("accounts:user_edit", args=[target.pk]))  # back to the account


class UnlockUserView(UserObjectMixin, View):
    permission_required = "accounts.unlock_user"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = self.get_permission_object()
        unlock_user(actor=request.user, user=target)
        messages.success(request, _("%(user)s has been unlocked.") % {"user": target.display_name})
        return HttpResponseRedirect(reverse("accounts:user_list"))


def _user_data(data: dict[str, Any]) -> UserData:
    return UserData(role=data["role"], full_name=data["full_name"], email=data["email"], phone=data["phone"],
                    host_org=data["host_org"], authority=data["authority"], enterprise=data["enterprise"])


def _add_domain_error(form: Any, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


class UserCreateView(ProtectedMixin, FormView):
    permission_required = "accounts.create_user"
    template_name = "accounts/user_form.html"
    form_class = UserCreateForm

    def form_valid(self, form: UserCreateForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            user = create_user(actor=self.request.user, username=data["username"], password=data["password"],
                               data=_user_data(data))
        except DomainError as exc:
            _add_domain_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The account %(user)s has been created; the user must change the "
                                         "password at the first sign-in.") % {"user": user.username})
        return HttpResponseRedirect(reverse("accounts:user_edit", args=[user.pk]))


class UserEditView(UserObjectMixin, FormView):
    permission_required = "accounts.change_user"
    template_name = "accounts/user_form.html"
    form_class = UserForm

    def get_initial(self) -> dict[str, Any]:
        user = self.get_permission_object()
        return {"full_name": user.full_name, "email": user.email, "phone": user.phone, "role": user.role,
                "authority": user.authority_id, "host_org": user.host_org_id, "enterprise": user.enterprise_id}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        target = self.get_permission_object()
        return {**super().get_context_data(**kwargs), "target": target,
                "locked": target.username in set(locked_usernames())}

    def form_valid(self, form: UserForm) -> HttpResponse:
        target = self.get_permission_object()
        try:
            update_user(actor=self.request.user, user=target, data=_user_data(form.cleaned_data))
        except DomainError as exc:
            _add_domain_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The account %(user)s has been saved.") % {"user": target.username})
        return HttpResponseRedirect(reverse("accounts:user_edit", args=[target.pk]))


class UserActiveView(UserObjectMixin, View):
    """POST active=1 enables the account, active=0 disables it."""

    permission_required = "accounts.change_user"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = self.get_permission_object()
        active = request.POST.get("active") == "1"
        try:
            set_user_active(actor=request.user, user=target, active=active)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, (_("%(user)s has been enabled.") if active
                                       else _("%(user)s has been disabled.")) % {"user": target.username})
        return HttpResponseRedirect(reverse("accounts:user_edit", args=[target.pk]))
