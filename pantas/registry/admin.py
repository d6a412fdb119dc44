from django.contrib import admin

from . import models


@admin.register(models.ReferenceDataset)
class ReferenceDatasetAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "version", "effective_date", "loaded_at"]
    readonly_fields = ["checksum", "loaded_at"]


@admin.register(models.Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(models.Regency)
class RegencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["code", "name"]


@admin.register(models.Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "ppk_title", "has_own_ppk", "disabled_on"]
    list_filter = ["kind", "has_own_ppk", "province"]
    search_fields = ["code", "name", "short_name"]
    raw_id_fields = ["parent", "predecessor", "regency"]


@admin.register(models.Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "voting_date", "region_count"]
    filter_horizontal = ["provinces"]
    raw_id_fields = ["regencies"]


@admin.register(models.Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "valid_from", "valid_to"]


@admin.register(models.CivilServant)
class CivilServantAdmin(admin.ModelAdmin):
    list_display = ["nip", "name", "employee_type", "agency", "position_class"]
    list_filter = ["employee_type", "position_class"]
    search_fields = ["nip", "name"]
    raw_id_fields = ["agency", "province", "regency"]


@admin.register(models.SanctionKind)
class SanctionKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "employee_type", "legal_source", "disabled_on"]
    list_filter = ["level", "catalogue"]


@admin.register(models.ViolationCategory)
class ViolationCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "reference", "name", "track", "default_level", "default_sanction", "disabled_on"]
    list_filter = ["track", "catalogue", "default_level"]
    search_fields = ["code", "name"]


@admin.register(models.StageDeadline)
class StageDeadlineAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "working_days", "legal_source"]
