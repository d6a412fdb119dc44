from django.contrib import admin

from .models import AuditEvent, CollectiveLeaveDay


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
