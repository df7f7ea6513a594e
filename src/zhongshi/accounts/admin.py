from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from zhongshi.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "role", "host_org", "authority", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Role and organisation"), {"fields": ("role", "full_name", "phone", "host_org",
                                                                   "authority", "enterprise",
                                                                   "must_change_password")}))


# django-axes ships no Chinese catalogue: its strings are translated in ours; its app needs a lazy name.
apps.get_app_config("axes").verbose_name = _("Sign-in lockouts")
