"""Admin for the cases app's reference data. Cases, letters and declarations change only through services
(audited), so they are read-only here."""

from django.contrib import admin

from .models import (
    CandidacyDeclaration,
    ConflictRoutingRule,
    CorrectiveActionKind,
    MaladministrationCategory,
    Team,
)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "lead"]
    filter_horizontal = ["members"]


@admin.register(MaladministrationCategory)
class MaladministrationCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "catalogue", "disabled_on"]


@admin.register(CorrectiveActionKind)
class CorrectiveActionKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "catalogue", "requires_decree", "disabled_on"]


@admin.register(ConflictRoutingRule)
class ConflictRoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["agency_kind", "organisation_code", "legal_source"]


@admin.register(CandidacyDeclaration)
class CandidacyDeclarationAdmin(admin.ModelAdmin):
    list_display = ["agency", "election", "candidate_name", "withdrawn_on"]

    def has_add_permission(self, request):
        return False  # recorded at /kasus/pencalonan-ppk/ so that open cases are re-routed and audited

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
