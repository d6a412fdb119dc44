from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, Organisation, RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1


@admin.register(User)
class PantasUserAdmin(UserAdmin):
    inlines = [RoleInline]
    list_display = ["username", "full_name", "organisation", "mfa_enabled", "is_active"]
    list_filter = ["is_active", "mfa_enabled", "organisation__kind"]
    fieldsets = [*UserAdmin.fieldsets, ("Pantas", {"fields": ["full_name", "organisation", "mfa_enabled"]})]
    raw_id_fields = ["organisation"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "agency"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["agency", "province", "regency"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["key_id", "user", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key_id", "digest", "created_at", "last_used_at"]
