"""Bulk import of partner reports (Bawaslu forwards): upload → background validation → preview with
row-level errors → confirm → one atomic import. The natural key is (source, organisation, register number),
so importing the same file or rows twice creates nothing new (ADR 0015)."""

import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit, bulk, workflow
from pantas.core.errors import INVALID_TEXT, InvalidTransition, NotAllowed
from pantas.core.roles import Role
from pantas.lib.spreadsheets import looks_like_formula
from pantas.lib.text import has_invalid_characters
from pantas.registry.models import (
    CivilServant,
    EmployeeType,
    Regency,
    ViolationCategory,
)
from pantas.registry.nip import validate_nip

from .. import import_choices, spreadsheets
from ..models import (
    INTAKE_ROLES,
    Anonymity,
    Channel,
    ElectionStage,
    ImportBatch,
    ImportRow,
    ImportStatus,
    Report,
    ReportSource,
    ReportStatus,
    ReportStatusHistory,
    ViolationMode,
)
from ..security import storage
from ..workflow import IMPORT_FLOW, ImportAction
from . import text
from .submit import LinkInput, PersonInput, build_evidence, build_person, reserve_numbers

# Rows per chunk: validation's look-ups, the preview rows' and the reports' INSERTs (issue 14, W4).
CHUNK = 2000
IMPORT_SOURCES = (ReportSource.BAWASLU, ReportSource.CSO, ReportSource.LAPOR, ReportSource.MEDIA)
_url = URLValidator(schemes=["http", "https"])


@dataclass
class RowResult:
    number: int
    register_number: str
    data: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    existing_report_id: int | None = None


class _Lookups:
    """Reference data loaded once per file (no query per row): the coded columns' allowed values (ADR 0116)."""

    def __init__(self):
        self.choices = import_choices.build()
        self.regencies = dict(Regency.objects.values_list("code", "province_id"))
        self.category_tracks = dict(
            ViolationCategory.objects.filter(disabled_on__isnull=True).values_list("pk", "track")
        )


def _parse_date(value: str):
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _validate_row(raw: spreadsheets.RawRow, lookups: _Lookups) -> RowResult:
    v = {k: (raw.values.get(k) or "").strip() for k in spreadsheets.COLUMN_NAMES}
    result = RowResult(raw.number, v["nomor_register"][: spreadsheets.MAX_LENGTHS["nomor_register"]])
    errors = result.errors

    def err(column, message):
        errors.append({"column": column, "message": str(message)})

    # Formula cells (XLSX) and formula-looking text (CSV and XLSX alike) are refused, never stored.
    formula_columns = list(raw.formula_columns) + [
        name
        for name in spreadsheets.COLUMN_NAMES
        if name not in raw.formula_columns and looks_like_formula(v[name])
    ]
    for column in formula_columns:
        err(column, _("Sel berisi rumus; isi dengan nilai biasa."))
        v[column] = ""
    for name in spreadsheets.COLUMN_NAMES:
        if has_invalid_characters(v[name]):
            err(name, INVALID_TEXT)
            formula_columns.append(name)  # refused: not "missing" below
            v[name] = ""
    for name, limit in spreadsheets.MAX_LENGTHS.items():
        if len(v[name]) > limit:
            err(
                name,
                _("Terlalu panjang: %(n)s karakter (maksimal %(max)s).") % {"n": len(v[name]), "max": limit},
            )
            v[name] = v[name][:limit]  # kept short in the stored preview row; the row is not imported
    for name, _label, required in spreadsheets.COLUMNS:
        if required and not v[name] and name not in formula_columns:
            err(name, _("Wajib diisi."))

    def choose(column, default=None):
        """The column's value from its allowed list (code or label), or an error that lists the choices."""
        if not v[column]:
            return default
        value = lookups.choices[column].resolve(v[column])
        if value is None:
            err(column, lookups.choices[column].error(v[column]))
        return value

    employee_type = choose("jenis_pegawai", EmployeeType.PNS) or EmployeeType.PNS
    nip = re.sub(r"[\s.]", "", v["nip"])
    if nip:
        try:
            validate_nip(nip, employee_type)
        except ValidationError as exc:
            err("nip", " ".join(exc.messages))
    agency_id = choose("instansi")
    position_class = choose("kelompok_jabatan", "") or ""
    province_id = regency_id = None
    region = choose("kode_wilayah")
    if region in lookups.regencies:
        regency_id, province_id = region, lookups.regencies[region]
    elif region:
        province_id = region
    election_id = choose("pemilihan")
    stage = choose("tahapan", ElectionStage.NONE)
    category_id = choose("kategori")
    track = lookups.category_tracks.get(category_id, "neutrality")
    mode = choose("cara", ViolationMode.OTHER) or ViolationMode.OTHER
    act_date = None
    if v["tanggal_kejadian"]:
        act_date = _parse_date(v["tanggal_kejadian"])
        if act_date is None:
            err("tanggal_kejadian", _("Tanggal tidak valid; gunakan YYYY-MM-DD atau DD/MM/YYYY."))
        elif act_date > timezone.localdate():
            err("tanggal_kejadian", _("Tanggal kejadian tidak boleh di masa depan."))
    if v["tautan_bukti"]:
        try:
            _url(v["tautan_bukti"])
        except ValidationError:
            err("tautan_bukti", _("Tautan bukti harus alamat http(s) yang valid."))
    result.data = {
        "register_number": result.register_number,
        "name": v["nama_terlapor"],
        "nip": nip,
        "employee_type": employee_type,
        "agency_id": agency_id,
        "position_title": v["jabatan"],
        "position_class": position_class,
        "province_id": province_id,
        "regency_id": regency_id,
        "election_id": election_id,
        "election_stage": stage or ElectionStage.NONE,
        "category_id": category_id,
        "track": track,
        "mode": mode,
        "place": v["tempat"],
        "act_date": act_date.isoformat() if isinstance(act_date, date) else None,
        "description": v["uraian"],
        "initial_study": v["kajian_awal"],
        "link": v["tautan_bukti"],
    }
    return result


def validate_rows(raw_rows: Iterable, organisation, source, progress=None) -> Iterator[RowResult]:
    """Row-level validation, plus duplicates inside the file and register numbers already imported. Streams:
    reference data is loaded once, existing register numbers are looked up once per chunk of CHUNK rows."""
    lookups = _Lookups()
    seen: dict[str, int] = {}
    chunk: list[RowResult] = []
    index = 0
    for index, raw in enumerate(raw_rows, start=1):
        result = _validate_row(raw, lookups)
        key = result.register_number
        if key and key in seen:
            result.errors.append(
                {
                    "column": "nomor_register",
                    "message": _("Nomor register ganda (juga di baris %(n)s).") % {"n": seen[key]},
                }
            )
        elif key:
            seen[key] = raw.number
        chunk.append(result)
        if len(chunk) >= CHUNK:
            yield from _with_existing(chunk, organisation, source)
            chunk = []
        if progress:
            progress(index, None)
    yield from _with_existing(chunk, organisation, source)
    if progress:
        progress(index, index)


def _with_existing(chunk: list[RowResult], organisation, source) -> list[RowResult]:
    keys = {r.register_number for r in chunk if r.register_number}
    existing = (
        dict(
            Report.objects.filter(
                source=source, organisation=organisation, register_number__in=keys
            ).values_list("register_number", "pk")
        )
        if keys
        else {}
    )
    for result in chunk:
        result.existing_report_id = existing.get(result.register_number)
    return chunk


def _check_actor(actor, organisation) -> None:
    if actor is None:  # management command run by an operator
        return
    if actor.has_any_role(INTAKE_ROLES | {Role.ADMINISTRATOR}):
        return
    if actor.has_role(Role.BAWASLU_OFFICER) and actor.organisation_id == organisation.pk:
        return
    raise NotAllowed(_("Anda tidak berwenang mengimpor laporan untuk organisasi ini."))


def create_batch(
    data: bytes, filename: str, organisation, source: str, actor, limits=spreadsheets.WEB
) -> ImportBatch:
    """Store the upload (encrypted, like evidence) and record the batch; validation runs separately."""
    _check_actor(actor, organisation)
    if source not in IMPORT_SOURCES:
        raise ValidationError({"source": _("Sumber laporan tidak dapat diimpor.")})
    if len(data) > limits.max_bytes:
        raise ValidationError({"file": spreadsheets.too_large(limits)})
    name = storage.save(data)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            organisation=organisation,
            source=source,
            uploaded_by=actor,
            file_name=(filename or "impor")[-200:],
            file_sha256=hashlib.sha256(data).hexdigest(),
            storage_name=name,
        )
        audit.record(
            "intake.import.uploaded",
            batch,
            actor=actor,
            data={"file_sha256": batch.file_sha256, "organisation": organisation.code, "source": source},
        )
    return batch


def start_import(data: bytes, filename: str, organisation, source: str, actor) -> ImportBatch:
    """Web upload: create the batch and queue its validation in the background."""
    from ..tasks import validate_import

    batch = create_batch(data, filename, organisation, source, actor)
    transaction.on_commit(lambda: validate_import.enqueue(batch.pk))
    return batch


def run_validation(batch: ImportBatch, progress=None, limits=spreadsheets.WEB) -> ImportBatch:
    """Parse and validate a stored upload; store one ImportRow per row (task body, also used by the command).
    The file is streamed and the rows written CHUNK at a time, so memory does not grow with the file."""
    if batch.status != ImportStatus.UPLOADED:  # a re-delivered task: validation already ran
        return batch
    try:
        with transaction.atomic():
            batch.rows.all().delete()
            raw_rows = spreadsheets.rows(storage.load(batch.storage_name), batch.file_name, limits)
            total, errors, existing = _store_rows(
                batch, validate_rows(raw_rows, batch.organisation, batch.source, progress)
            )
            if errors or not total:  # refused: the rows keep the errors, the upload itself is not kept
                transaction.on_commit(lambda name=batch.storage_name: storage.delete(name))
            IMPORT_FLOW.run(
                batch,
                None,
                ImportAction.VALIDATE,
                target=ImportStatus.INVALID if errors or not total else ImportStatus.VALIDATED,
                changes={
                    "error": "" if total else _("Berkas tidak berisi baris data."),
                    "row_count": total,
                    "error_count": errors,
                    "existing_count": existing,
                    "validated_at": workflow.now(),
                },
            )
    except spreadsheets.SpreadsheetError as exc:  # found before the first row or while streaming them
        with transaction.atomic():
            IMPORT_FLOW.run(
                batch,
                None,
                ImportAction.FAIL,
                changes={"error": str(exc.message), "validated_at": workflow.now()},
            )
            # An unreadable upload (a bomb, a wrong format) has nothing left to offer: do not keep it.
            transaction.on_commit(lambda name=batch.storage_name: storage.delete(name))
    batch.refresh_from_db()
    return batch


def _store_rows(batch: ImportBatch, results: Iterator[RowResult]) -> tuple[int, int, int]:
    """Write the preview rows CHUNK at a time; return (rows, rows with errors, rows already imported)."""
    total = errors = existing = 0
    while chunk := list(itertools.islice(results, CHUNK)):
        bulk.insert_objects(
            [
                ImportRow(
                    batch=batch,
                    row_number=r.number,
                    register_number=r.register_number,
                    data=r.data,
                    errors=r.errors,
                    existing_report_id=r.existing_report_id,
                )
                for r in chunk
            ]
        )
        total += len(chunk)
        errors += sum(1 for r in chunk if r.errors)
        existing += sum(1 for r in chunk if r.existing_report_id)
    return total, errors, existing


def _report_from_row(data: dict, batch: ImportBatch, number: str, actor, now) -> Report:
    description = data["description"]
    return Report(
        number=number,
        source=batch.source,
        channel=Channel.IMPORT,
        status=ReportStatus.RECEIVED,
        status_changed_at=now,
        track=data["track"],
        category_id=data["category_id"],
        mode=data["mode"],
        election_id=data["election_id"],
        election_stage=data["election_stage"],
        place=data["place"],
        province_id=data["province_id"],
        regency_id=data["regency_id"],
        act_date=date.fromisoformat(data["act_date"]) if data["act_date"] else None,
        description=description,
        received_at=now,
        submitted_by=actor,
        organisation=batch.organisation,
        register_number=data["register_number"],
        initial_study=data["initial_study"],
        anonymity=Anonymity.ORGANISATION,
        import_batch=batch,
        **text.band_fields(description),
    )


@IMPORT_FLOW.action(ImportAction.CONFIRM)
def confirm_import(batch: ImportBatch, actor, progress=None) -> int:
    """Import every valid row not imported before, all or nothing. Returns the number of reports created.

    Set-based (ADR 0150): the rows still to import are found in one query, their numbers reserved in one
    statement, and each chunk of CHUNK rows is written with one INSERT per table — the same rows, field for
    field, as the one-by-one path wrote."""
    from ..tasks import suggest_duplicates

    if batch.error_count:
        raise InvalidTransition(_("Perbaiki baris yang salah lalu unggah ulang berkasnya sebelum mengimpor."))
    now = workflow.now()
    imported = Report.objects.filter(
        source=batch.source, organisation=batch.organisation, register_number=OuterRef("register_number")
    )
    todo = list(batch.rows.filter(~Exists(imported)).order_by("row_number").values_list("pk", flat=True))
    skipped = batch.rows.count() - len(todo)
    # Compare-and-set: a double click or two officers confirming at once import once.
    IMPORT_FLOW.run(
        batch,
        actor,
        ImportAction.CONFIRM,
        changes={"imported_at": now, "imported_count": len(todo)},
        data={"file_sha256": batch.file_sha256, "created": len(todo), "skipped": skipped},
    )
    numbers = reserve_numbers(timezone.localtime(now).year, len(todo))
    ids: list[int] = []
    for start in range(0, len(todo), CHUNK):
        rows = list(ImportRow.objects.filter(pk__in=todo[start : start + CHUNK]).order_by("row_number"))
        ids += _create_reports(rows, numbers[start : start + CHUNK], batch, actor, now)
        if progress:
            progress(len(ids), len(todo))
    # One task for the import; it still runs `suggest_for` report by report (ADR 0041, 0150).
    transaction.on_commit(lambda: suggest_duplicates.enqueue(ids) if ids else None)
    batch.refresh_from_db()
    return len(ids)


def _create_reports(rows: list[ImportRow], numbers: list[str], batch: ImportBatch, actor, now) -> list[int]:
    """One chunk: reports, persons, evidence, the "received" status-history row and audit event of each report,
    one INSERT per table (a fixed number of queries per chunk, whatever its size)."""
    reports = [_report_from_row(r.data, batch, n, actor, now) for r, n in zip(rows, numbers, strict=True)]
    bulk.insert_objects(reports)
    nips = {r.data["nip"] for r in rows if r.data["nip"]}
    # The register fills a person's gaps (build_person): its agency and regions come in the same query.
    matched = CivilServant.objects.select_related("agency", "province", "regency").filter(nip__in=nips)
    servants = {cs.nip: cs for cs in matched} if nips else {}
    persons, evidence, history, events = [], [], [], []
    for row, report in zip(rows, reports, strict=True):
        d = row.data
        person = PersonInput(
            name=d["name"],
            nip=d["nip"],
            employee_type=d["employee_type"],
            position_title=d["position_title"],
            position_class=d["position_class"],
        )
        built = build_person(report, person, servants.get(d["nip"]))
        built.agency_id = d["agency_id"] or built.agency_id  # the file's instansi, else the register's
        built.province_id = built.province_id or d["province_id"]
        built.regency_id = built.regency_id or d["regency_id"]
        persons.append(built)
        links = [LinkInput(url=d["link"])] if d["link"] else []
        rows_evidence = build_evidence(report, link_inputs=links, at=now, from_reporter=False)
        evidence.extend(rows_evidence)
        history.append(
            ReportStatusHistory(report=report, to_status=ReportStatus.RECEIVED, actor=actor, at=now)
        )
        events.append(
            {
                "action": "intake.report.received",
                "obj": report,
                "at": now,
                "data": {
                    "number": report.number,
                    "source": report.source,
                    "channel": Channel.IMPORT,
                    "register_number": report.register_number,
                    "import_batch": str(batch.uuid),
                    "evidence": [{"kind": e.kind, "sha256": e.sha256} for e in rows_evidence],
                },
            }
        )
    bulk.insert_objects(persons)
    bulk.insert_objects(evidence)
    bulk.insert_objects(history)
    audit.record_many(events, actor=actor)
    return [r.pk for r in reports]
