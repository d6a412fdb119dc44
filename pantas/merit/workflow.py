"""The merit workflows as tables run by the one engine (`pantas.core.workflow`, ADR 0038/0039): assessment
cycles, agency assessments, instrument versions and import batches of historical results.

The services keep the merit contract: a user outside an object's scope gets 403 from the service (the pages
and the API answer 404 through `visible_to` before they call it), so these tables do not check visibility.
"""

from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from pantas.core.workflow import History, Qualifier, Rule, Workflow

from .models import AssessmentStatus, CycleStatus, ImportStatus, VersionStatus
from .roles import AGENCY, ASSESSORS, CYCLE_MANAGERS, IMPORTERS, INSTRUMENT_EDITORS, agency_id_of


def _history(model: str, obj: str) -> History:
    return History(model, obj=obj, old="old", new="new", actor="by", action=None)


# -- assessment cycles -----------------------------------------------------------------------------------


class CycleAction(models.TextChoices):
    EDIT = "edit", _("Ubah siklus")
    OPEN = "open", _("Buka siklus")
    PUBLISH = "publish", _("Umumkan hasil")


C = CycleStatus
CYCLE_FLOW = Workflow(
    name="merit.cycle",
    model_label="merit.AssessmentCycle",
    states=CycleStatus,
    actions=CycleAction,
    rules=[
        Rule(CycleAction.EDIT, frozenset({C.DRAFT}), (), CYCLE_MANAGERS, "merit.cycle.changed",
             refusal=gettext_lazy("Siklus yang sudah dibuka tidak dapat diubah.")),
        Rule(CycleAction.OPEN, frozenset({C.DRAFT}), (C.OPEN,), CYCLE_MANAGERS, "merit.cycle.opened",
             refusal=gettext_lazy("Siklus ini sudah dibuka.")),
        Rule(CycleAction.PUBLISH, frozenset({C.OPEN}), (C.PUBLISHED,), CYCLE_MANAGERS, "merit.cycle.published",
             refusal=gettext_lazy("Hanya siklus yang sedang berjalan yang dapat diumumkan.")),
    ],
    terminal=frozenset({C.PUBLISHED}),
    state_field="status",
    version_field=None,
    history=_history("merit.CycleStatusChange", "cycle"),
    updated_at_field="updated_at",
    check_visible=False,
)  # fmt: skip


# -- agency assessments ----------------------------------------------------------------------------------


class AssessmentAction(models.TextChoices):
    ANSWER = "answer", _("Isi jawaban penilaian mandiri")
    ADD_EVIDENCE = "add-evidence", _("Tambah bukti dukung")
    REMOVE_EVIDENCE = "remove-evidence", _("Hapus bukti dukung")
    SUBMIT = "submit", _("Ajukan penilaian mandiri")
    ADJUST = "adjust", _("Konfirmasi / sesuaikan skor indikator")
    SEND_VERIFICATION = "send-verification", _("Kirim hasil verifikasi")
    REPLY = "reply", _("Tanggapi hasil verifikasi")
    FINALISE = "finalise", _("Finalkan")
    CLOSE_UNASSESSED = "close-unassessed", _("Tutup sebagai tidak dinilai (siklus diumumkan)")


def _own_agency(user, assessment) -> bool:
    agency_id = agency_id_of(user)
    return agency_id is not None and agency_id == assessment.agency_id


OWN_AGENCY = Qualifier(gettext_lazy("hanya kantor PPK instansi yang dinilai"), _own_agency)

S = AssessmentStatus
NOT_EDITABLE = gettext_lazy("Penilaian mandiri sudah diajukan; jawaban tidak dapat diubah lagi.")
A = AssessmentAction
ASSESSMENT_FLOW = Workflow(
    name="merit.assessment",
    model_label="merit.Assessment",
    states=AssessmentStatus,
    actions=AssessmentAction,
    rules=[
        Rule(A.ANSWER, frozenset({S.SELF_ASSESSMENT}), (), AGENCY, "merit.answer.answered", refusal=NOT_EDITABLE),
        Rule(A.ADD_EVIDENCE, frozenset({S.SELF_ASSESSMENT}), (), AGENCY, "merit.evidence.added",
             refusal=NOT_EDITABLE),
        Rule(A.REMOVE_EVIDENCE, frozenset({S.SELF_ASSESSMENT}), (), AGENCY, "merit.evidence.removed",
             refusal=NOT_EDITABLE),
        Rule(A.SUBMIT, frozenset({S.SELF_ASSESSMENT}), (S.SUBMITTED,), AGENCY, "merit.assessment.submitted",
             refusal=gettext_lazy("Penilaian mandiri ini sudah diajukan.")),
        Rule(A.ADJUST, frozenset({S.SUBMITTED, S.REPLIED}), (), ASSESSORS, "merit.answer.adjusted",
             refusal=gettext_lazy("Skor hanya dapat disesuaikan saat verifikasi atau setelah tanggapan instansi.")),
        Rule(A.SEND_VERIFICATION, frozenset({S.SUBMITTED}), (S.VERIFIED,), ASSESSORS, "merit.assessment.verified",
             refusal=gettext_lazy("Hasil verifikasi sudah dikirim.")),
        Rule(A.REPLY, frozenset({S.VERIFIED}), (S.REPLIED,), AGENCY, "merit.assessment.replied",
             refusal=gettext_lazy("Tanggapan hanya dapat dikirim sekali, setelah hasil verifikasi.")),
        Rule(A.FINALISE, frozenset({S.VERIFIED, S.REPLIED}), (S.FINAL,), ASSESSORS, "merit.assessment.finalised",
             refusal=gettext_lazy("Penilaian ini belum dapat difinalkan.")),
        Rule(A.CLOSE_UNASSESSED, frozenset({S.SELF_ASSESSMENT, S.SUBMITTED, S.VERIFIED, S.REPLIED}),
             (S.UNASSESSED,), CYCLE_MANAGERS, "merit.assessment.unassessed"),
    ],
    terminal=frozenset({S.FINAL, S.UNASSESSED}),
    state_field="status",
    version_field=None,
    qualifiers={role: OWN_AGENCY for role in AGENCY},
    history=_history("merit.AssessmentStatusChange", "assessment"),
    updated_at_field="updated_at",
    check_visible=False,
)  # fmt: skip


# -- instrument versions ---------------------------------------------------------------------------------


class VersionAction(models.TextChoices):
    EDIT = "edit", _("Ubah draf (isi, aspek, indikator, kategori)")
    PUBLISH = "publish", _("Terbitkan")
    RETIRE = "retire", _("Hentikan pemakaian")


NOT_DRAFT = gettext_lazy(
    "Versi yang sudah terbit tidak dapat diubah. Buat versi baru (draf) untuk mengubah instrumen."
)
V = VersionStatus
VERSION_FLOW = Workflow(
    name="merit.instrumentversion",
    model_label="merit.InstrumentVersion",
    states=VersionStatus,
    actions=VersionAction,
    rules=[
        Rule(VersionAction.EDIT, frozenset({V.DRAFT}), (), INSTRUMENT_EDITORS, "merit.instrumentversion.changed",
             refusal=NOT_DRAFT),
        Rule(VersionAction.PUBLISH, frozenset({V.DRAFT}), (V.PUBLISHED,), INSTRUMENT_EDITORS,
             "merit.instrumentversion.published", refusal=NOT_DRAFT),
        Rule(VersionAction.RETIRE, frozenset({V.PUBLISHED}), (V.RETIRED,), INSTRUMENT_EDITORS,
             "merit.instrumentversion.retired"),
    ],
    terminal=frozenset({V.RETIRED}),
    state_field="status",
    version_field=None,
    history=_history("merit.VersionStatusChange", "version"),
    updated_at_field="updated_at",
    check_visible=False,
)  # fmt: skip


# -- imports of historical results -----------------------------------------------------------------------


class ImportAction(models.TextChoices):
    COMMIT = "commit", _("Simpan impor")
    DISCARD = "discard", _("Batalkan impor")


DONE = gettext_lazy("Impor ini sudah disimpan atau dibatalkan.")
IMPORT_FLOW = Workflow(
    name="merit.import",
    model_label="merit.ImportBatch",
    states=ImportStatus,
    actions=ImportAction,
    rules=[
        Rule(ImportAction.COMMIT, frozenset({ImportStatus.PREVIEWED}), (ImportStatus.COMMITTED,), IMPORTERS,
             "merit.import.committed", refusal=DONE),
        Rule(ImportAction.DISCARD, frozenset({ImportStatus.PREVIEWED}), (ImportStatus.DISCARDED,), IMPORTERS,
             "merit.import.discarded", refusal=DONE),
    ],
    terminal=frozenset({ImportStatus.COMMITTED, ImportStatus.DISCARDED}),
    state_field="status",
    version_field=None,
    history=_history("merit.ImportStatusChange", "batch"),
    updated_at_field="updated_at",
    check_visible=False,
)  # fmt: skip
