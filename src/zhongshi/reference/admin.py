from django.contrib import admin

from zhongshi.reference.models import ReferenceItem, Vocabulary


class ReferenceItemInline(admin.TabularInline):
    model = ReferenceItem
    extra = 0


@admin.register(Vocabulary)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "partial", "source"]
    inlines = [ReferenceItemInline]
