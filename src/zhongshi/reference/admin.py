from django.contrib import admin

from zhongshi.reference.models import CalendarDay, CalendarYear, ReferenceItem, Vocabulary


class ReferenceItemInline(admin.TabularInline):
    model = ReferenceItem
    extra = 0


@admin.register(Vocabulary)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "partial", "source"]
    inlines = [ReferenceItemInline]


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ["year", "complete", "note"]
    list_filter = ["complete"]


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ["day", "is_working_day", "name", "note"]
    list_filter = ["is_working_day"]
    search_fields = ["name", "note"]
    date_hierarchy = "day"
