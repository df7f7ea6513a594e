from django.contrib import admin

from zhongshi.calls.models import Call


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "level", "form_code", "status")
    search_fields = ("code", "title")
