"""Receiving a report from any channel: web form, partner portal, staff entry, API. One function, one audit
event, one status-history row, in one transaction (files are written before and removed on failure)."""

import hashlib
import json
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.accounts.models import OrganisationKind
from pantas.core import audit, numbering
from pantas.core.errors import INVALID_TEXT, DomainError, NotAllowed
from pantas.core.roles import Role
from pantas.core.tasks import enqueue_with_transaction
from pantas.lib.text import clean_line, clean_text, has_invalid_characters
from pantas.registry.models import CivilServant, EmployeeType, Track
from pantas.registry.nip import validate_nip

from ..lapor import normalise_ticket
from ..models import (
    INTAKE_ROLES,
    Anonymity,
    Channel,
    ElectionStage,
    Evidence,
    EvidenceKind,
    Report,
    ReportedPerson,
    ReportSource,
    ReportStatus,
    ReportStatusHistory,
    SealedIdentity,
    ViolationMode,
)
from ..security import receipts, sealing, storage
from ..security.files import CheckedFile
from ..tasks import suggest_duplicates
from . import links, text

MAX_FILES_PER_REPORT = 30
MAX_LINKS_PER_REPORT = 30
# One report names the few ASN of one incident; a long list is a spreadsheet import, not a report.
MAX_PERSONS_PER_REPORT = 50

# Organisation kind → the source its reports carry.
ORG_SOURCES = {
    OrganisationKind.CSO: ReportSource.CSO,
    OrganisationKind.BAWASLU: ReportSource.BAWASLU,
    OrganisationKind.OMBUDSMAN: ReportSource.LAPOR,
    OrganisationKind.KEMENPANRB: ReportSource.LAPOR,
    OrganisationKind.KEMENDAGRI: ReportSource.LAPOR,
}
STAFF_SOURCES = (ReportSource.PUBLIC, ReportSource.LAPOR, ReportSource.MEDIA, ReportSource.SUPERVISOR)


class DuplicateLaporTicket(DomainError):
    status = 409
    code = "duplicate_lapor_ticket"

    def __init__(self, existing: Report):
        super().__init__(
            _("Tiket SP4N-LAPOR! ini sudah dicatat sebagai laporan %(number)s.") % {"number": existing.number}
        )
        self.existing = existing


class DuplicateRegisterNumber(DomainError):
    status = 409
    code = "duplicate_register_number"

    def __init__(self, existing: Report):
        super().__init__(
            _("Nomor register ini sudah pernah dikirim oleh organisasi Anda (laporan %(number)s).")
            % {"number": existing.number}
        )
        self.existing = existing


@dataclass
class PersonInput:
    name: str
    nip: str = ""
    employee_type: str = EmployeeType.PNS
    agency: object = None
    agency_text: str = ""
    position_title: str = ""
    position_class: str = ""
    province: object = None
    regency: object = None


@dataclass
class LinkInput:
    url: str
    account: str = ""
    act: str = ""


@dataclass
class ReportInput:
    description: str
    persons: list[PersonInput]
    source: str = ReportSource.PUBLIC
    channel: str = Channel.WEB
    track: str = Track.NEUTRALITY
    category: object = None
    mode: str = ViolationMode.OTHER
    election: object = None
    election_stage: str = ElectionStage.NONE
    place: str = ""
    province: object = None
    regency: object = None
    act_date: date | None = None
    anonymity: str = Anonymity.ORGANISATION
    identity: dict | None = None
    organisation: object = None
    register_number: str = ""
    lapor_ticket: str = ""
    initial_study: str = ""
    links: list[LinkInput] = field(default_factory=list)
    files: list[CheckedFile] = field(default_factory=list)
    submission_key: str | None = None


@dataclass
class SubmitResult:
    report: Report
    receipt: str | None
    created: bool


def allowed_sources(user) -> tuple:
    """Which sources `user` may submit under (None = an anonymous member of the public)."""
    if user is None or not user.is_authenticated:
        return (ReportSource.PUBLIC,)
    if user.has_any_role(INTAKE_ROLES | {Role.ADMINISTRATOR}):
        return STAFF_SOURCES
    org = user.organisation
    source = ORG_SOURCES.get(org.kind) if org else None
    if source and user.has_any_role(
        {Role.CSO_MONITOR, Role.BAWASLU_OFFICER, Role.OMBUDSMAN_LIAISON, Role.MINISTRY_OFFICER}
    ):
        return (source,)
    return ()


def submitting_organisation(user):
    """The organisation a report is submitted for: a partner's own; None for supervisor staff (who record
    reports received elsewhere) and for the public."""
    if user is None or not user.is_authenticated or user.has_any_role(INTAKE_ROLES | {Role.ADMINISTRATOR}):
        return None
    return user.organisation


REPORT_SERIES = "report"


def report_number(year: int, value: int) -> str:
    return f"LAP-{year}-{value:06d}"


def _pending_number() -> str:
    """A unique stand-in (20 characters, like the column) until `_assign_number` runs; never committed."""
    return "~" + secrets.token_hex(9)


def _assign_number(report: Report, year: int) -> str:
    """Give the report its number as the transaction's last write but the audit event (ADR 0155).

    The counter row stays locked until the submission commits, so two reports never share a number; taking it
    last keeps that serialised stretch to this statement, the audit INSERT and the COMMIT, instead of every
    INSERT of the submission. On PostgreSQL the counter and the report are updated in one statement; the SQL
    formats the value exactly like `report_number` (at least six digits)."""
    conn = transaction.get_connection()
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            cursor.execute(
                "WITH c AS (UPDATE core_counter SET value = value + 1"
                " WHERE series = %s AND scope = '' AND year = %s RETURNING value)"
                " UPDATE intake_report SET number = %s || lpad(c.value::text, greatest(6, length(c.value::text)), '0')"
                " FROM c WHERE intake_report.id = %s RETURNING intake_report.number",
                [REPORT_SERIES, year, f"LAP-{year}-", report.pk],
            )
            row = cursor.fetchone()
        if row:
            return row[0]
    # SQLite (writers are serialised anyway) and the year's first report (no counter row yet).
    number = report_number(year, numbering.reserve(REPORT_SERIES, "", year))
    Report.objects.filter(pk=report.pk).update(number=number)
    return number


def reserve_numbers(year: int, count: int) -> list[str]:
    """`count` consecutive numbers for a bulk import, in one statement (inside the import's transaction)."""
    if count <= 0:
        return []
    first = numbering.reserve(REPORT_SERIES, "", year, count)
    return [report_number(year, n) for n in range(first, first + count)]


def _new_receipt() -> tuple[str, str]:
    while True:
        lookup = receipts.new_lookup()
        if not Report.objects.filter(receipt_lookup=lookup).exists():
            return lookup, receipts.new_secret()


def _check_input(data: ReportInput, actor) -> None:
    if data.source not in allowed_sources(actor):
        raise NotAllowed(_("Anda tidak berwenang mengirim laporan dengan sumber ini."))
    errors = {}
    if not (data.description or "").strip():
        errors["description"] = _("Uraian kejadian wajib diisi.")
    if not data.persons:
        errors["persons"] = _("Sebutkan sedikitnya satu ASN yang dilaporkan.")
    elif len(data.persons) > MAX_PERSONS_PER_REPORT:
        errors["persons"] = _("Paling banyak %(n)s ASN dalam satu laporan.") % {"n": MAX_PERSONS_PER_REPORT}
    for person in data.persons:
        if person.nip:
            try:
                validate_nip(person.nip, person.employee_type or EmployeeType.PNS)
            except ValidationError as exc:
                errors["nip"] = " ".join(exc.messages)
    if data.category is not None and data.category.track != data.track:
        errors["category"] = _("Kategori pelanggaran tidak sesuai dengan jalur yang dipilih.")
    if (
        data.regency is not None
        and data.province is not None
        and data.regency.province_id != data.province.pk
    ):
        errors["regency"] = _("Kabupaten/kota tidak berada di provinsi yang dipilih.")
    if data.act_date and data.act_date > timezone.localdate():
        errors["act_date"] = _("Tanggal kejadian tidak boleh di masa depan.")
    if data.source in (ReportSource.CSO, ReportSource.BAWASLU) and data.organisation is None:
        errors["organisation"] = _("Laporan mitra harus menyebut organisasi pengirim.")
    if data.source == ReportSource.BAWASLU and not data.register_number.strip():
        errors["register_number"] = _("Nomor register Bawaslu wajib diisi.")
    if data.lapor_ticket:
        try:
            data.lapor_ticket = normalise_ticket(data.lapor_ticket)
        except ValidationError as exc:
            errors["lapor_ticket"] = " ".join(exc.messages)
        else:
            if data.source != ReportSource.LAPOR:
                errors["lapor_ticket"] = _(
                    "Nomor tiket SP4N-LAPOR! hanya untuk laporan bersumber SP4N-LAPOR!."
                )
    if data.anonymity == Anonymity.CONFIDENTIAL:
        if not (data.identity or {}).get("name"):
            errors["identity_name"] = _("Untuk laporan rahasia, isi nama Anda (akan disegel).")
        if sealing.active_key() is None:
            errors["anonymity"] = _(
                "Laporan rahasia sementara tidak dapat diterima karena kunci kustodian identitas belum "
                "disiapkan. Pilih laporan anonim atau coba lagi nanti."
            )
    errors.update(_text_errors(data))
    if len(data.files) > MAX_FILES_PER_REPORT or len(data.links) > MAX_LINKS_PER_REPORT:
        errors["files"] = _("Terlalu banyak bukti dalam satu laporan (maksimal 30 berkas dan 30 tautan).")
    if errors:
        raise ValidationError(errors)


# Longest value of each text the service stores (the model fields); longer is a field error, never cut short.
MAX_LENGTHS = {"place": 300, "register_number": 80, "name": 150, "agency_text": 200, "position_title": 200}


def _text_errors(data: ReportInput) -> dict:
    """Field errors for text no channel may store: invalid characters (U+FFFD from invalid UTF-8, control
    characters, surrogates) and values longer than their column (ADR 0092)."""
    errors = {}
    values = [
        ("description", data.description),
        ("place", data.place),
        ("register_number", data.register_number),
        ("initial_study", data.initial_study),
    ]
    values += [(f, getattr(p, f)) for p in data.persons for f in ("name", "agency_text", "position_title")]
    values += [(f, getattr(link, f)) for link in data.links for f in ("url", "account", "act")]
    values += [(f"identity_{k}", v) for k, v in (data.identity or {}).items() if isinstance(v, str)]
    for key, value in values:
        if has_invalid_characters(value or ""):
            errors[key] = INVALID_TEXT
        elif len(value or "") > MAX_LENGTHS.get(key, 10**9):
            errors[key] = _("Terlalu panjang (maksimal %(max)s karakter).") % {"max": MAX_LENGTHS[key]}
    if any(not clean_line(p.name) for p in data.persons) and "name" not in errors:
        errors["name"] = _("Nama ASN yang dilaporkan wajib diisi.")
    return errors


def _match_servants(persons: list[PersonInput]) -> dict[str, CivilServant]:
    nips = [p.nip for p in persons if p.nip]
    return {cs.nip: cs for cs in CivilServant.objects.filter(nip__in=nips)} if nips else {}


def build_person(report: Report, person: PersonInput, servant: CivilServant | None) -> ReportedPerson:
    """A ReportedPerson row; gaps are filled from the ASN register when the NIP matches."""
    return ReportedPerson(
        report=report,
        name=clean_line(person.name),
        name_key=text.normalise_name(clean_line(person.name)),
        nip=person.nip,
        employee_type=person.employee_type or (servant.employee_type if servant else EmployeeType.PNS),
        civil_servant=servant,
        agency=person.agency or (servant.agency if servant else None),
        agency_text=clean_line(person.agency_text),
        position_title=clean_line(person.position_title) or (servant.position_title if servant else ""),
        position_class=person.position_class or (servant.position_class if servant else ""),
        province=person.province or (servant.province if servant else None),
        regency=person.regency or (servant.regency if servant else None),
    )


def link_digest(url: str, platform: str, account: str, act: str, at: datetime) -> str:
    payload = json.dumps(
        {"url": url, "platform": platform, "account": account, "act": act, "received_at": at.isoformat()},
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def build_evidence(
    report, *, files=(), link_inputs=(), at, from_reporter=True, message=None
) -> list[Evidence]:
    """Evidence rows for files already written to storage (`stored` names set) and for links."""
    rows = []
    for checked in files:
        rows.append(
            Evidence(
                report=report,
                message=message,
                kind=EvidenceKind.FILE,
                received_at=at,
                sha256=checked.sha256,
                from_reporter=from_reporter,
                file_name=checked.name,
                content_type=checked.content_type,
                size=checked.size,
                storage_name=checked.stored_name,
                derivative_name=checked.stored_derivative,
                derivative_type=checked.derivative_type,
                derivative_sha256=checked.derivative_sha256,
            )
        )
    for link in link_inputs:
        platform = links.platform_for(link.url)
        rows.append(
            Evidence(
                report=report,
                message=message,
                kind=EvidenceKind.LINK,
                received_at=at,
                sha256=link_digest(link.url, platform, link.account, link.act, at),
                from_reporter=from_reporter,
                url=link.url,
                url_key=links.url_key(link.url),
                platform=platform,
                account=link.account[:200],
                act=link.act[:300],
            )
        )
    return rows


def unique_files(files, existing_hashes=()) -> list[CheckedFile]:
    """The files whose content (SHA-256) is not already among `existing_hashes` or earlier in `files`: the same
    photo chosen twice, or sent again with a reply, is stored and listed once (ADR 0112)."""
    seen = set(existing_hashes)
    kept = []
    for checked in files:
        if checked.sha256 not in seen:
            seen.add(checked.sha256)
            kept.append(checked)
    return kept


def store_files(files: list[CheckedFile]) -> list[str]:
    """Write originals and derivatives (encrypted); return every storage name written, for cleanup."""
    written = []
    try:
        for checked in files:
            checked.stored_name = storage.save(checked.data)
            written.append(checked.stored_name)
            checked.stored_derivative = storage.save(checked.derivative) if checked.derivative else ""
            if checked.stored_derivative:
                written.append(checked.stored_derivative)
    except Exception:
        discard_files(written)
        raise
    return written


def discard_files(names: list[str]) -> None:
    for name in names:
        storage.delete(name)


def evidence_audit(rows: list[Evidence]) -> list[dict]:
    return [{"kind": e.kind, "sha256": e.sha256, "uuid": str(e.uuid)} for e in rows]


def submit_report(data: ReportInput, actor=None) -> SubmitResult:
    """Receive one report. Returns the report, the receipt (public channel only, shown once) and whether it
    was created now (False when the same one-time form token was already used: a double submit)."""
    if data.submission_key:
        existing = Report.objects.filter(submission_key=data.submission_key).first()
        if existing:
            return SubmitResult(existing, None, created=False)
    _check_input(data, actor)
    # A repeated register number is not looked up first: `intake_unique_register_number` rejects the INSERT and
    # the IntegrityError branch below names the existing report — one SELECT fewer per submission (ADR 0155).
    if data.lapor_ticket:
        existing = Report.objects.filter(lapor_ticket=data.lapor_ticket).first()
        if existing:
            raise DuplicateLaporTicket(existing)
    data.files = unique_files(data.files)
    written = store_files(data.files)
    try:
        with transaction.atomic():
            result = _create(data, actor)
    except IntegrityError:
        discard_files(written)
        if data.submission_key:
            existing = Report.objects.filter(submission_key=data.submission_key).first()
            if existing:  # a concurrent double submit won the race
                return SubmitResult(existing, None, created=False)
        if data.lapor_ticket:
            existing = Report.objects.filter(lapor_ticket=data.lapor_ticket).first()
            if existing:
                raise DuplicateLaporTicket(existing) from None
        if data.register_number:
            existing = Report.objects.filter(
                source=data.source,
                organisation=data.organisation,
                register_number=data.register_number.strip(),
            ).first()
            if existing:
                raise DuplicateRegisterNumber(existing) from None
        raise
    except Exception:
        discard_files(written)
        raise
    return result


def _create(data: ReportInput, actor) -> SubmitResult:
    now = timezone.now()
    public = data.source == ReportSource.PUBLIC and data.anonymity in (
        Anonymity.ANONYMOUS,
        Anonymity.CONFIDENTIAL,
    )
    receipt = None
    report = Report(
        number=_pending_number(),
        source=data.source,
        channel=data.channel,
        status=ReportStatus.RECEIVED,
        status_changed_at=now,
        track=data.track,
        category=data.category,
        mode=data.mode,
        election=data.election,
        election_stage=data.election_stage,
        place=clean_line(data.place),
        province=data.province or (data.regency.province if data.regency else None),
        regency=data.regency,
        act_date=data.act_date,
        description=clean_text(data.description),
        received_at=now,
        submitted_by=actor if actor is not None and actor.is_authenticated else None,
        organisation=data.organisation,
        register_number=clean_line(data.register_number),
        lapor_ticket=data.lapor_ticket,
        initial_study=clean_text(data.initial_study),
        anonymity=data.anonymity if public else Anonymity.ORGANISATION,
        submission_key=data.submission_key,
        **text.band_fields(data.description),
    )
    if public:
        lookup, secret = _new_receipt()
        report.receipt_lookup, report.receipt_hash = lookup, receipts.hash_secret(secret)
        receipt = receipts.format_receipt(lookup, secret)
    report.save(force_insert=True)
    if public and data.anonymity == Anonymity.CONFIDENTIAL:
        key, ciphertext = sealing.seal(data.identity)
        SealedIdentity.objects.create(report=report, key=key, ciphertext=ciphertext, created_at=now)
    servants = _match_servants(data.persons)
    ReportedPerson.objects.bulk_create([build_person(report, p, servants.get(p.nip)) for p in data.persons])
    evidence = build_evidence(report, files=data.files, link_inputs=data.links, at=now, from_reporter=public)
    Evidence.objects.bulk_create(evidence)
    ReportStatusHistory.objects.create(report=report, from_status="", to_status=ReportStatus.RECEIVED, at=now)
    # Off the request path: a slow suggestion never holds up a submission (ADR 0041). With the database backend
    # the task row is written here, in this transaction, before the counter is taken (ADR 0155).
    enqueue_with_transaction(suggest_duplicates, [report.pk])
    report.number = _assign_number(report, timezone.localtime(now).year)
    audit.record(
        "intake.report.received",
        report,
        actor=actor if actor is not None and actor.is_authenticated else None,
        data={
            "number": report.number,
            "source": report.source,
            "channel": report.channel,
            "anonymity": report.anonymity,
            "persons": len(data.persons),
            "evidence": evidence_audit(evidence),
        },
        at=now,
    )
    return SubmitResult(report, receipt, created=True)
