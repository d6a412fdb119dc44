"""The intake tables run by the one engine (`pantas.core.workflow`, ADR 0038/0039): the reporter-facing status of
a report (moved by the Cases app through `services.set_public_status`) and report import batches.

Services answer 403 to a user outside their scope (the pages answer 404 first), so visibility is not checked
here: the staff roles that may set a report's status see every report anyway.
"""

from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from pantas.core.roles import Role
from pantas.core.workflow import SYSTEM, History, Qualifier, Rule, Workflow

from .models import INTAKE_ROLES, STAFF_ROLES, ImportStatus, ReportStatus, SuggestionState
from .roles import HANDLER_ROLES

# -- the status the reporter sees ------------------------------------------------------------------------


class ReportAction(models.TextChoices):
    SET_STATUS = "set-status", _("Ubah status yang dilihat pelapor")


REPORT_FLOW = Workflow(
    name="intake.report",
    model_label="intake.Report",
    states=ReportStatus,
    actions=ReportAction,
    # The status follows the report's cases (cases.services.core.sync_report_statuses), so any move is allowed;
    # the case table is where the order is enforced.
    rules=[
        Rule(
            ReportAction.SET_STATUS,
            frozenset(ReportStatus.values),
            tuple(ReportStatus.values),
            frozenset(STAFF_ROLES | {SYSTEM}),
            "intake.report.status_changed",
        )
    ],
    state_field="status",
    version_field=None,
    history=History(
        "intake.ReportStatusHistory", obj="report", old="from_status", new="to_status", action=None
    ),
    changed_at_field="status_changed_at",
    updated_at_field="updated_at",
    check_visible=False,
    stale_message=gettext_lazy("Status laporan telah diubah oleh pengguna lain; muat ulang halaman."),
)


# -- report import batches -------------------------------------------------------------------------------


class ImportAction(models.TextChoices):
    VALIDATE = "validate", _("Validasi berkas (tugas latar)")
    FAIL = "fail", _("Tandai gagal dibaca (tugas latar)")
    CONFIRM = "confirm", _("Konfirmasi impor")


def _own_organisation(user, batch) -> bool:
    return bool(user.organisation_id) and user.organisation_id == batch.organisation_id


OWN_ORGANISATION = Qualifier(gettext_lazy("hanya impor organisasinya sendiri"), _own_organisation)
I = ImportStatus  # noqa: E741
IMPORT_FLOW = Workflow(
    name="intake.import",
    model_label="intake.ImportBatch",
    states=ImportStatus,
    actions=ImportAction,
    rules=[
        Rule(ImportAction.VALIDATE, frozenset({I.UPLOADED}), (I.VALIDATED, I.INVALID), frozenset({SYSTEM}),
             "intake.import.validated"),
        Rule(ImportAction.FAIL, frozenset({I.UPLOADED}), (I.FAILED,), frozenset({SYSTEM}), "intake.import.failed"),
        Rule(ImportAction.CONFIRM, frozenset({I.VALIDATED}), (I.IMPORTED,),
             frozenset(INTAKE_ROLES | {Role.ADMINISTRATOR, Role.BAWASLU_OFFICER, SYSTEM}), "intake.import.confirmed",
             refusal=gettext_lazy("Impor ini sudah dikonfirmasi atau belum selesai divalidasi.")),
    ],
    terminal=frozenset({I.INVALID, I.IMPORTED, I.FAILED}),
    state_field="status",
    version_field=None,
    qualifiers={Role.BAWASLU_OFFICER: OWN_ORGANISATION},
    check_visible=False,
)  # fmt: skip


# -- duplicate suggestions -------------------------------------------------------------------------------


class SuggestionAction(models.TextChoices):
    LINK = "link", _("Tautkan sebagai duplikat")
    DISMISS = "dismiss", _("Abaikan saran")


SUGGESTION_FLOW = Workflow(
    name="intake.suggestion",
    model_label="intake.DuplicateSuggestion",
    states=SuggestionState,
    actions=SuggestionAction,
    rules=[
        Rule(
            SuggestionAction.LINK,
            frozenset({SuggestionState.OPEN}),
            (SuggestionState.LINKED,),
            frozenset(HANDLER_ROLES),
            "intake.suggestion.linked",
        ),
        Rule(
            SuggestionAction.DISMISS,
            frozenset({SuggestionState.OPEN}),
            (SuggestionState.DISMISSED,),
            frozenset(HANDLER_ROLES),
            "intake.suggestion.dismissed",
        ),
    ],  # fmt: skip
    terminal=frozenset({SuggestionState.LINKED, SuggestionState.DISMISSED}),
    version_field=None,
    check_visible=False,
    stale_message=gettext_lazy("Saran ini sudah diputuskan oleh petugas lain."),
)
