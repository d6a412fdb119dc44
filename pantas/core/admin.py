from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, CollectiveLeaveDay, LegalHold, RetentionRule


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only (database triggers refuse changes anyway)."""

    list_display = ["at", "action", "object_type", "object_id", "actor_label"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "object_id", "actor_label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CollectiveLeaveDay)
class CollectiveLeaveDayAdmin(admin.ModelAdmin):
    list_display = ["date", "description", "legal_source"]


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """Read-only: rules are versioned reference data from core/data/retention.json (ADR 0095)."""

    list_display = ["kind", "version", "days", "action", "legal_source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    """Holds are placed and released through `core.retention.place_hold/release_hold` (audited)."""

    list_display = ["object_type", "object_id", "placed_at", "released_at", "placed_by"]
    list_filter = ["object_type"]
    readonly_fields = ["object_type", "object_id", "reason", "placed_by", "placed_at", "released_at"]
    actions = ["release"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Lepaskan penahanan"))
    def release(self, request, queryset):
        from . import retention

        for hold in queryset.active():
            retention.release_hold(hold, actor=request.user)
