"""Announcement services (ADR 0102): one function per use case. State changes and edits go through the table
in `workflow.py` (role → 403, state → 409, status history, audit); candidate checks call the follow-up
clearance service (ADR 0056) — its logic is not copied here."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pantas.core import audit
from pantas.core.forms import clean_pdf_upload
from pantas.core.roles import Role
from pantas.core.workflow import now
from pantas.followup import clearance as followup_clearance
from pantas.lib.text import clean_line, clean_text

from . import roles
from .models import Announcement, AnnouncementDocument, AnnouncementStage, CandidateCheck, StageKind
from .workflow import ANNOUNCEMENT_FLOW as FLOW
from .workflow import AnnouncementAction as A

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
MAX_DOCUMENTS = 10
CONTENT_FIELDS = ("position_title", "level", "unit", "summary", "requirements", "location", "contact")
LINE_FIELDS = {"position_title", "unit", "location"}


@dataclass(frozen=True)
class Stage:
    kind: str
    starts_on: date
    ends_on: date


def _hold(announcement, actor, action) -> None:
    """Lock the row and check the rule (`Workflow.hold`), then take the stored version: the compare-and-set
    runs against the row as it is now, and a caller's `version` from a stale page is refused (409)."""
    FLOW.hold(announcement, actor, action)
    announcement.version = Announcement.objects.values_list("version", flat=True).get(pk=announcement.pk)


def check_stages(stages: list[Stage]) -> None:
    """Every stage once, each ending on or after its start, each starting on or after the previous one."""
    errors = {}
    by_kind = {s.kind: s for s in stages}
    if StageKind.REGISTRATION not in by_kind:
        errors[f"{StageKind.REGISTRATION}_start"] = _("Tanggal pendaftaran wajib diisi.")
    previous = None
    for kind in StageKind.values:
        stage = by_kind.get(kind)
        if stage is None:
            continue
        if stage.ends_on < stage.starts_on:
            errors[f"{kind}_end"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
        elif previous is not None and stage.starts_on < previous.starts_on:
            errors[f"{kind}_start"] = _("Tahap ini tidak boleh dimulai sebelum tahap %(stage)s.") % {
                "stage": StageKind(previous.kind).label
            }
        previous = stage
    if errors:
        raise ValidationError(errors)


def _clean(values: dict) -> dict:
    cleaned = {}
    for name in CONTENT_FIELDS:
        if name in values:
            value = values[name] or ""
            cleaned[name] = clean_line(value) if name in LINE_FIELDS else clean_text(value)
    return cleaned


def _write_stages(announcement, stages: list[Stage]) -> None:
    announcement.stages.all().delete()
    AnnouncementStage.objects.bulk_create(
        [AnnouncementStage(announcement=announcement, kind=s.kind, starts_on=s.starts_on, ends_on=s.ends_on)
         for s in stages]
    )  # fmt: skip


def _plain_stages(stages: list[Stage]) -> dict:
    return {s.kind: [s.starts_on.isoformat(), s.ends_on.isoformat()] for s in stages}


def create_announcement(actor, agency, values: dict, stages: list[Stage]) -> Announcement:
    """A new draft. A committee member may only announce for the agency their organisation belongs to."""
    if not actor.is_authenticated or not actor.has_any_role(roles.EDITORS):
        raise PermissionDenied
    if not actor.has_role(Role.ADMINISTRATOR) and roles.agency_id_of(actor) != getattr(agency, "pk", None):
        raise PermissionDenied
    check_stages(stages)
    moment = now()
    with transaction.atomic():
        announcement = Announcement.objects.create(
            slug=Announcement.new_slug(agency.code, values.get("position_title", "")),
            agency=agency,
            created_by=actor,
            created_at=moment,
            updated_at=moment,
            **_clean(values),
        )
        _write_stages(announcement, stages)
        audit.record(
            "publicinfo.announcement.created",
            announcement,
            actor=actor,
            at=moment,
            data={"agency": agency.code, "state": announcement.state, "stages": _plain_stages(stages)},
        )
    return announcement


@FLOW.action(A.EDIT)
def update_announcement(announcement, actor, values: dict, stages: list[Stage], *, version=None):
    _hold(announcement, actor, A.EDIT)
    check_stages(stages)
    old_stages = _plain_stages([Stage(s.kind, s.starts_on, s.ends_on) for s in announcement.stages.all()])
    _write_stages(announcement, stages)
    new_stages = _plain_stages(stages)
    data = {"stages": [old_stages, new_stages]} if old_stages != new_stages else {}
    return FLOW.run(announcement, actor, A.EDIT, changes=_clean(values), data=data, version=version)


@FLOW.action(A.PUBLISH)
def publish(announcement, actor, *, version=None):
    _hold(announcement, actor, A.PUBLISH)
    if not announcement.stages.filter(kind=StageKind.REGISTRATION).exists():
        raise ValidationError({"stages": _("Isi jadwal pendaftaran sebelum menerbitkan.")})
    return FLOW.run(announcement, actor, A.PUBLISH, changes={"published_at": now()}, version=version)


@FLOW.action(A.CLOSE)
def close(announcement, actor, *, reason: str = "", version=None):
    _hold(announcement, actor, A.CLOSE)
    return FLOW.run(announcement, actor, A.CLOSE, reason=reason, version=version)


@FLOW.action(A.WITHDRAW)
def withdraw(announcement, actor, *, reason: str, version=None):
    _hold(announcement, actor, A.WITHDRAW)
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Sebutkan alasan pembatalan; alasan tampil di riwayat.")})
    return FLOW.run(announcement, actor, A.WITHDRAW, reason=reason, version=version)


def clean_pdf(upload) -> tuple[bytes, str]:
    """The checked bytes of an uploaded PDF and their SHA-256, or ValidationError on the `file` field."""
    return clean_pdf_upload(
        upload,
        max_bytes=MAX_DOCUMENT_BYTES,
        missing=_("Pilih berkas PDF."),
        too_large=_("Berkas melebihi 5 MB."),
        not_pdf=_("Dokumen pengumuman harus berupa berkas PDF."),
    )


@FLOW.action(A.ADD_DOCUMENT)
def add_document(announcement, actor, *, title: str, upload) -> AnnouncementDocument:
    _hold(announcement, actor, A.ADD_DOCUMENT)
    title = clean_line(title or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Beri judul dokumen, mis. “Surat pengumuman seleksi”.")
    if announcement.documents.count() >= MAX_DOCUMENTS:
        errors["file"] = _("Paling banyak %(n)s dokumen per pengumuman.") % {"n": MAX_DOCUMENTS}
    if errors:
        raise ValidationError(errors)
    data, digest = clean_pdf(upload)
    document = AnnouncementDocument.objects.create(
        announcement=announcement,
        title=title[:200],
        content=data,
        size=len(data),
        sha256=digest,
        uploaded_by=actor,
        uploaded_at=now(),
    )
    FLOW.run(announcement, actor, A.ADD_DOCUMENT, data={"document": document.pk, "sha256": digest})
    return document


@FLOW.action(A.REMOVE_DOCUMENT)
def remove_document(announcement, actor, document_id) -> None:
    _hold(announcement, actor, A.REMOVE_DOCUMENT)
    document = announcement.documents.filter(pk=document_id).first()
    if document is None:
        raise ValidationError({"file": _("Dokumen tidak ditemukan.")})
    data = {"document": document.pk, "sha256": document.sha256}
    document.delete()
    FLOW.run(announcement, actor, A.REMOVE_DOCUMENT, data=data)


def purpose_of(announcement) -> str:
    return _("Seleksi terbuka %(level)s %(title)s — %(agency)s") % {
        "level": announcement.get_level_display(),
        "title": announcement.position_title,
        "agency": announcement.agency.name,
    }


def check_candidates(announcement, actor, raw_nips: list[str]):
    """Run the follow-up clearance check (one answer per NIP, stored, audited; the certificate is issued on its
    page) for this announcement's candidates, and link the look-up to the announcement."""
    FLOW.check(actor, announcement, A.CHECK_CANDIDATES)
    purpose = purpose_of(announcement)[: followup_clearance.MAX_PURPOSE]
    with transaction.atomic():
        request = followup_clearance.run_clearance(actor, raw_nips, purpose)
        CandidateCheck.objects.create(announcement=announcement, clearance=request, created_at=now())
        _hold(announcement, actor, A.CHECK_CANDIDATES)
        FLOW.run(
            announcement,
            actor,
            A.CHECK_CANDIDATES,
            data={"clearance": str(request.uuid), "nip_count": request.nip_count},
        )
    return request
