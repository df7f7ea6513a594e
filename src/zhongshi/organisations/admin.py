from django.contrib import admin

from zhongshi.organisations.models import Authority, DemandEnterprise, Expert, HostOrg, PartnerOrg, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "region"]
    list_filter = ["level"]
    search_fields = ["name"]
    raw_id_fields = ["region", "parent"]


@admin.register(HostOrg)
class HostOrgAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "unit_type", "district", "status"]
    list_filter = ["status", "unit_type"]
    search_fields = ["name", "credit_code"]
    raw_id_fields = ["district", "decided_by"]


admin.site.register(PartnerOrg)
admin.site.register(Expert)
admin.site.register(DemandEnterprise)
