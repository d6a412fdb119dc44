from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from . import services
from .models import ApiToken, Organisation, RoleAssignment, User


def _fresh(request) -> bool:
    return services.second_factor_is_fresh(request.user, request.session.get(services.MFA_AT))


class RoleInline(admin.TabularInline):
    """Roles change only with a fresh second factor (P-16); without one the inline is read-only."""

    model = RoleAssignment
    extra = 1

    def has_add_permission(self, request, obj=None):
        return _fresh(request) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _fresh(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _fresh(request) and super().has_delete_permission(request, obj)


@admin.register(User)
class PantasUserAdmin(UserAdmin):
    inlines = [RoleInline]
    list_display = ["username", "full_name", "organisation", "mfa_enabled", "is_active"]
    list_filter = ["is_active", "mfa_enabled", "organisation__kind"]
    fieldsets = [*UserAdmin.fieldsets, ("Pantas", {"fields": ["full_name", "organisation", "mfa_enabled"]})]
    raw_id_fields = ["organisation"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not _fresh(request):
            url = f"{reverse('accounts:mfa_reauth')}?next={request.path}"
            messages.info(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("Peran hanya dapat diubah setelah konfirmasi kode autentikator."),
                    url,
                    _("Konfirmasi sekarang"),
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            transaction.on_commit(lambda: services.end_sessions(obj))
            services.audit.record("accounts.user.deactivated", obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        before = set(form.instance.role_assignments.values_list("role", flat=True)) if change else set()
        super().save_related(request, form, formsets, change)
        after = set(form.instance.role_assignments.values_list("role", flat=True))
        services.record_role_change(
            form.instance, request.user, before, after, request.session.get(services.MFA_AT)
        )


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
