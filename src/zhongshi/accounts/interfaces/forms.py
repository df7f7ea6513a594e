from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from zhongshi.accounts.enums import Role
from zhongshi.organisations.domain.queries.regions import location_regions
from zhongshi.organisations.models import Authority, DemandEnterprise, HostOrg, Region
from zhongshi.organisations.validators import normalise_credit_code, validate_credit_code
from zhongshi.reference.domain.queries.vocabularies import get_choices


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The user name or password is wrong. After %(limit)s failed attempts the account "
                           "is locked for a while."),
        "inactive": _("This account is disabled."),
    }

    def get_invalid_login_error(self) -> forms.ValidationError:
        from django.conf import settings

        return forms.ValidationError(
            self.error_messages["invalid_login"], code="invalid_login",
            params={"limit": settings.AXES_FAILURE_LIMIT},
        )


class DistrictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        return obj.full_name


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=30,
                                  help_text=_("18 characters, as on the business licence."))
    unit_type = forms.ChoiceField(label=_("Unit type"))
    district = DistrictChoiceField(label=_("Location (district, county or zone)"), queryset=Region.objects.none())
    address = forms.CharField(label=_("Postal address"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=50)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=50)
    contact_email = forms.EmailField(label=_("Contact e-mail"))
    username = forms.CharField(label=_("User name"), max_length=150)
    full_name = forms.CharField(label=_("Your name"), max_length=50)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_type"].choices = [("", "---------"), *get_choices("unit_type", value="name")]
        self.fields["district"].queryset = location_regions().select_related("parent__parent")

    def clean_credit_code(self) -> str:
        code = normalise_credit_code(self.cleaned_data["credit_code"])
        validate_credit_code(code)
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class ResetPasswordForm(SetPasswordForm):
    pass


class ChangePasswordForm(PasswordChangeForm):
    pass


class AuthorityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.get_level_display()}）"


def authority_choices(field: AuthorityChoiceField) -> list[tuple[Any, Any]]:
    """The authorities grouped by province (the ministry first), each group in the order of the hierarchy:
    hundreds of district authorities are found under their province, not in one list."""
    groups: dict[str, tuple[str, list[tuple[Any, str]]]] = {}
    for authority in field.queryset:
        top = "/".join(authority.path.split("/")[:2])  # 000000 (the ministry) or 000000/420000 (a province)
        options = groups.setdefault(top, (authority.name, []))[1]
        options.append((authority.pk, field.label_from_instance(authority)))
    return [("", "---------"), *((label, options) for label, options in groups.values())]


class UserForm(forms.Form):
    """What an administrator sets of an account (accounts/domain/manage_users.py: UserData)."""

    full_name = forms.CharField(label=_("full name"), max_length=50, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=50, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[("", "---------"), *Role.choices])
    authority = AuthorityChoiceField(label=_("Authority"), required=False, queryset=Authority.objects.none(),
                                     help_text=_("For an authority reviewer."))
    host_org = forms.ModelChoiceField(label=_("Host organisation"), required=False,
                                      queryset=HostOrg.objects.none(), help_text=_("For an applicant."))
    enterprise = forms.ModelChoiceField(label=_("Demand-side enterprise"), required=False,
                                        queryset=DemandEnterprise.objects.none(),
                                        help_text=_("For a demand-side enterprise's user."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = Authority.objects.order_by("path")
        self.fields["authority"].choices = authority_choices(self.fields["authority"])
        self.fields["host_org"].queryset = HostOrg.objects.order_by("name")
        self.fields["enterprise"].queryset = DemandEnterprise.objects.order_by("name")


class UserCreateForm(UserForm):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Temporary password"), widget=forms.PasswordInput, strip=False,
                               help_text=_("The user must choose a new password at the first sign-in."))

    field_order = ["username", "full_name", "email", "phone", "role", "authority", "host_org", "enterprise",
                   "password"]
