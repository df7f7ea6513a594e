from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from zhongshi.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "role", "host_org", "authority", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = (*BaseUserAdmin.fieldsets, ("zhongshi", {"fields": ("role", "full_name", "phone", "host_org",
                                                                   "authority", "enterprise",
                                                                   "must_change_password")}))
