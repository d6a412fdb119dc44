"""The set-based import (ADR 0150): the same rows as the one-pass path it replaced, all or nothing across chunks,
and a number of queries that does not grow with the file (issue 14, W4)."""

from datetime import date, datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pantas.core import audit, workflow
from pantas.core.errors import InvalidTransition
from pantas.core.models import AuditEvent
from pantas.intake.models import (
    Channel,
    Evidence,
    ImportBatch,
    ImportStatus,
    Report,
    ReportedPerson,
    ReportStatus,
    ReportStatusHistory,
)
from pantas.intake.services import imports
from pantas.intake.services.submit import (
    LinkInput,
    PersonInput,
    build_evidence,
    build_person,
    reserve_numbers,
)
from pantas.intake.workflow import IMPORT_FLOW, ImportAction
from pantas.registry.models import Agency, CivilServant

from .test_imports import csv_bytes, row, xlsx

pytestmark = pytest.mark.django_db

MOMENT = timezone.make_aware(datetime(2026, 11, 30, 10, 0))
# Left out of the comparison: ids, uuids and the models' own clock (`created_at`/`updated_at` defaults); every
# time the import sets itself comes from `workflow.now()`, pinned by `replay_at`.
VOLATILE = {"id", "uuid", "created_at", "updated_at"}


@IMPORT_FLOW.action(ImportAction.CONFIRM)
def one_pass_confirm(batch, actor):
    """The import as it was before ADR 0150 (every row in memory, one bulk_create per table), kept verbatim as the
    reference the set-based path must equal."""
    now = workflow.now()
    rows = list(batch.rows.all())
    already = set(
        Report.objects.filter(
            source=batch.source,
            organisation=batch.organisation,
            register_number__in=[r.register_number for r in rows],
        ).values_list("register_number", flat=True)
    )
    todo = [r for r in rows if r.register_number not in already]
    IMPORT_FLOW.run(
        batch,
        actor,
        ImportAction.CONFIRM,
        changes={"imported_at": now, "imported_count": len(todo)},
        data={"file_sha256": batch.file_sha256, "created": len(todo), "skipped": len(rows) - len(todo)},
    )
    numbers = reserve_numbers(timezone.localtime(now).year, len(todo))
    reports = [
        imports._report_from_row(r.data, batch, n, actor, now) for r, n in zip(todo, numbers, strict=True)
    ]
    Report.objects.bulk_create(reports, batch_size=500)
    servants = {
        cs.nip: cs
        for cs in CivilServant.objects.filter(nip__in=[r.data["nip"] for r in todo if r.data["nip"]])
    }
    persons, evidence, history, events = [], [], [], []
    for row_, report in zip(todo, reports, strict=True):
        d = row_.data
        person = PersonInput(
            name=d["name"],
            nip=d["nip"],
            employee_type=d["employee_type"],
            agency=Agency(pk=d["agency_id"]) if d["agency_id"] else None,
            position_title=d["position_title"],
            position_class=d["position_class"],
        )
        built = build_person(report, person, servants.get(d["nip"]))
        built.agency_id = d["agency_id"] or built.agency_id
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
    ReportedPerson.objects.bulk_create(persons, batch_size=500)
    Evidence.objects.bulk_create(evidence, batch_size=500)
    ReportStatusHistory.objects.bulk_create(history, batch_size=500)
    audit.record_many(events, actor=actor)
    return len(reports)


def _servant(nip: str, agency_code: str) -> CivilServant:
    return CivilServant.objects.create(
        nip=nip,
        employee_type="pns",
        name="Andi Pratama",
        gender="1",
        birth_date=date(1985, 3, 15),
        agency=Agency.objects.get(code=agency_code),
        position_class="administrator",
        position_title="Camat Tamalate",
    )


def _rows(n: int) -> list[dict]:
    """Rows of every shape: with and without a NIP known to the register, instansi, region, date, link."""
    out = []
    for i in range(n):
        changes = {"nomor_register": f"R-{i:03d}", "uraian": f"Membagikan unggahan kampanye calon nomor {i}."}
        if i % 3 == 1:
            changes |= {
                "nip": f"198503152010011{i:03d}",
                "instansi": "",
                "jabatan": "",
                "kelompok_jabatan": "",
            }
        if i % 3 == 2:
            changes |= {"nip": "", "kode_wilayah": "", "tautan_bukti": "", "tanggal_kejadian": ""}
        out.append(row(**changes))
    return out


def _snapshot(batch: ImportBatch) -> dict:
    """Every row the import wrote, without ids and uuids (reports are named by their number)."""
    reports = Report.objects.filter(import_batch=batch)
    numbers = dict(reports.values_list("pk", "number"))

    def rows(model, *order):
        values = model.objects.filter(report__import_batch=batch).values()
        return sorted(
            (
                {k: v for k, v in r.items() if k not in VOLATILE} | {"report_id": numbers[r["report_id"]]}
                for r in values
            ),
            key=lambda r: tuple(str(r[k]) for k in order),
        )

    events = AuditEvent.objects.filter(object_type="intake.report", object_id__in=[str(pk) for pk in numbers])
    return {
        "reports": [
            {k: v for k, v in r.items() if k not in VOLATILE} for r in reports.order_by("number").values()
        ],
        "persons": rows(ReportedPerson, "report_id", "name"),
        "evidence": rows(Evidence, "report_id", "url"),
        "history": rows(ReportStatusHistory, "report_id"),
        "audit": sorted(
            (
                (
                    e.action,
                    e.actor_id,
                    e.actor_label,
                    numbers[int(e.object_id)],
                    e.reason,
                    e.data,
                    e.at,
                    e.seq,
                )
                for e in events
            ),
            key=lambda e: e[3],
        ),
        "confirmed": list(
            AuditEvent.objects.filter(action="intake.import.confirmed").values_list("data", "actor_id")
        ),
        "batch": ImportBatch.objects.filter(pk=batch.pk)
        .values("status", "imported_count", "imported_at")
        .get(),
    }


@pytest.fixture
def bawaslu(personas):
    from pantas.accounts.models import Organisation

    return Organisation.objects.get(code="bawaslu-73")


@pytest.mark.parametrize("make", [xlsx, csv_bytes], ids=["xlsx", "csv"])
def test_the_set_based_import_writes_the_rows_the_one_pass_import_wrote(bawaslu, personas, monkeypatch, make):
    for i in range(1, 12, 3):
        _servant(f"198503152010011{i:03d}", "kemenag")
    monkeypatch.setattr(imports, "CHUNK", 4)  # several chunks for 12 rows
    name = "f.xlsx" if make is xlsx else "f.csv"
    batch = imports.run_validation(imports.create_batch(make(_rows(12)), name, bawaslu, "bawaslu", None))
    assert batch.status == ImportStatus.VALIDATED and batch.rows.count() == 12
    actor = personas["bawaslu.sulsel"]
    with workflow.replay_at(MOMENT):
        with transaction.atomic():
            assert one_pass_confirm(ImportBatch.objects.get(pk=batch.pk), actor) == 12
            expected = _snapshot(batch)
            transaction.set_rollback(True)  # numbers, counters and rows back to before
        assert imports.confirm_import(ImportBatch.objects.get(pk=batch.pk), actor) == 12
    assert _snapshot(batch) == expected
    assert len(expected["reports"]) == 12 and len(expected["evidence"]) == 8 and len(expected["audit"]) == 12
    assert {p["civil_servant_id"] is not None for p in expected["persons"]} == {True, False}


def test_a_bad_row_in_the_last_chunk_blocks_the_whole_file(bawaslu, personas, monkeypatch):
    monkeypatch.setattr(imports, "CHUNK", 3)
    rows = _rows(8)
    rows[7]["tanggal_kejadian"] = "2099-01-01"
    batch = imports.run_validation(imports.create_batch(xlsx(rows), "f.xlsx", bawaslu, "bawaslu", None))
    assert (batch.status, batch.row_count, batch.error_count) == (ImportStatus.INVALID, 8, 1)
    assert batch.rows.get(row_number=9).errors == [
        {"column": "tanggal_kejadian", "message": "Tanggal kejadian tidak boleh di masa depan."}
    ]
    with pytest.raises(InvalidTransition):
        imports.confirm_import(batch, personas["bawaslu.sulsel"])
    assert not Report.objects.exists()


def test_a_failure_while_writing_the_last_chunk_writes_nothing(bawaslu, personas, monkeypatch):
    monkeypatch.setattr(imports, "CHUNK", 3)
    batch = imports.run_validation(imports.create_batch(xlsx(_rows(8)), "f.xlsx", bawaslu, "bawaslu", None))
    original, calls = imports.build_evidence, {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 8:
            raise RuntimeError("disk full while importing the last row")
        return original(*args, **kwargs)

    monkeypatch.setattr(imports, "build_evidence", failing)
    with pytest.raises(RuntimeError):
        imports.confirm_import(batch, personas["bawaslu.sulsel"])
    batch.refresh_from_db()
    assert batch.status == ImportStatus.VALIDATED and not Report.objects.exists()
    assert not ReportedPerson.objects.exists() and not ReportStatusHistory.objects.exists()
    assert not AuditEvent.objects.filter(
        action__in=["intake.report.received", "intake.import.confirmed"]
    ).exists()


def _queries(bawaslu, actor, n: int) -> tuple[int, int]:
    rows = [r | {"nomor_register": f"N{n}-{r['nomor_register']}"} for r in _rows(n)]
    batch = imports.create_batch(xlsx(rows), f"f{n}.xlsx", bawaslu, "bawaslu", None)
    with CaptureQueriesContext(connection) as validation:
        batch = imports.run_validation(batch)
    assert batch.status == ImportStatus.VALIDATED
    with CaptureQueriesContext(connection) as confirm:
        assert imports.confirm_import(batch, actor) == n
    return len(validation), len(confirm)


def test_the_number_of_queries_does_not_grow_with_the_rows(bawaslu, personas):
    for i in range(1, 30, 3):
        _servant(f"198503152010011{i:03d}", "kemenag")  # matched persons: no query per ASN either
    actor = personas["bawaslu.sulsel"]
    _queries(bawaslu, actor, 1)  # warm-up: the actor's roles and other per-process caches
    assert _queries(bawaslu, actor, 3) == _queries(bawaslu, actor, 30)


def test_each_chunk_costs_the_same_fixed_number_of_queries(bawaslu, personas, monkeypatch):
    monkeypatch.setattr(imports, "CHUNK", 5)
    actor = personas["bawaslu.sulsel"]
    _queries(bawaslu, actor, 1)
    one = _queries(bawaslu, actor, 5)
    two = _queries(bawaslu, actor, 10)
    four = _queries(bawaslu, actor, 20)
    assert [b - a for a, b in zip(two, four, strict=True)] == [
        2 * (b - a) for a, b in zip(one, two, strict=True)
    ]
