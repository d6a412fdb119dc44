"""P-17: retention and purge (UU 27/2022). Past retention, personal data and evidence files are gone, legal
holds are respected, statistics are unchanged, the purge is audited; a dry run changes nothing. Also the
data-subject export of one civil servant's record."""

import io
import json
from datetime import timedelta
from pathlib import Path

import nacl.pwhash
import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from pantas.core import retention
from pantas.core.audit import seal, verify_chain
from pantas.core.models import AuditEvent, RetentionRule
from pantas.intake.models import Evidence, Report, SealedIdentity
from pantas.intake.security.files import check_upload
from pantas.intake.services.identity import create_custodian_key
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report
from pantas.intake.tests.conftest import jpeg_with_gps, upload

from .. import services
from ..models import Case
from .factories import makassar

pytestmark = pytest.mark.django_db
NIP = "198609262015051001"


@pytest.fixture(autouse=True)
def _evidence_root(settings, tmp_path):
    settings.EVIDENCE_ROOT = tmp_path / "evidence"
    settings.PANTAS_RECEIPT_ARGON2 = {"time_cost": 1, "memory_cost": 1024}


def _files(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()]


def _closed_case(actor, anonymity, **identity):
    report = submit_report(
        ReportInput(
            description="Camat Fulan mengarahkan warga memilih calon tertentu.",
            persons=[PersonInput(name="Fulan bin Fulan", nip=NIP, agency=makassar())],
            anonymity=anonymity,
            identity=identity or None,
            files=[check_upload(upload("bukti.jpg", jpeg_with_gps()))],
        )
    ).report
    case = services.open_cases_for_report(report, actor)[0]
    services.verify(case, actor)
    case = services.reject(case, actor, reason_code="not_a_violation", reason="Bukan pelanggaran netralitas.")
    return Report.objects.get(pk=report.pk), Case.objects.get(pk=case.pk)


def _stats():
    return sorted(Report.objects.values_list("category_id", "province_id", "status").annotate(n=Count("id")))


def test_purge_removes_personal_data_and_files_respects_holds_and_keeps_statistics(
    settings, personas, django_capture_on_commit_callbacks
):
    create_custodian_key(
        personas["kustodian"], "frasa-sandi-kustodian-uji", "k",
        opslimit=nacl.pwhash.argon2id.OPSLIMIT_MIN, memlimit=nacl.pwhash.argon2id.MEMLIMIT_MIN,
    )  # fmt: skip
    actor = personas["intake"]
    purged_report, purged_case = _closed_case(actor, "anonymous")
    held_report, held_case = _closed_case(actor, "confidential", name="Siti Pelapor", contact="0812", note="")
    hold = retention.place_hold("cases.case", held_case.pk, "Perkara di PTUN", actor=personas["komisioner"])
    assert len(_files(settings.EVIDENCE_ROOT)) == 4  # original + derivative per report
    stats = _stats()

    later = timezone.now() + timedelta(days=6 * 366)
    with time_machine.travel(later, tick=False):
        out = io.StringIO()
        call_command("purge_expired", "--dry-run", stdout=out)
        assert f"intake.report:{purged_report.pk}" in out.getvalue()
        assert f"cases.case:{purged_case.pk}" in out.getvalue()
        assert f"cases.case:{held_case.pk}" not in out.getvalue()
        assert "followup.notification: no handler installed" in out.getvalue()
        assert Evidence.objects.count() == 2 and not AuditEvent.objects.filter(action="core.retention.purged")

        with django_capture_on_commit_callbacks(execute=True):  # files go after the commit
            call_command("purge_expired", stdout=io.StringIO())

    report, case = Report.objects.get(pk=purged_report.pk), Case.objects.get(pk=purged_case.pk)
    assert report.purged_at and report.description == "" and report.receipt_hash == ""
    assert not report.evidence.exists() and not report.messages.exists()
    assert report.reported_persons.get().name == "" and report.reported_persons.get().nip == ""
    assert (
        case.purged_at and case.subject_name == "" and case.subject_nip == "" and case.civil_servant is None
    )
    # Files really gone from storage; the held report's stay.
    assert len(_files(settings.EVIDENCE_ROOT)) == 2
    held_report.refresh_from_db()
    assert held_report.purged_at is None and held_report.evidence.count() == 1
    assert SealedIdentity.objects.filter(report=held_report).exists()
    assert Case.objects.get(pk=held_case.pk).subject_name == "Fulan bin Fulan"
    # Statistics counted from reports are unchanged; the purge is audited and the chain still verifies.
    assert _stats() == stats
    events = AuditEvent.objects.filter(action="core.retention.purged")
    assert {e.object_id for e in events} >= {"cases.closed_case", "intake.evidence_file"}
    seal()
    assert verify_chain() == []

    # Releasing the hold lets the next purge take the held case as well.
    retention.release_hold(hold, actor=personas["komisioner"])
    with time_machine.travel(later, tick=False), django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=io.StringIO())
    assert Case.objects.get(pk=held_case.pk).purged_at is not None
    assert not SealedIdentity.objects.exists() and not _files(settings.EVIDENCE_ROOT)


def test_retention_rules_are_versioned_data_with_a_legal_source(db):
    version = retention.load_rules()
    rules = {r.kind: r for r in retention.current_rules()}
    assert {
        "intake.rejected_anonymous_report",
        "cases.closed_case",
        "intake.evidence_file",
        "intake.sealed_identity",
        "core.task_result",
        "followup.notification",
    } <= set(rules)
    assert all("UU 27/2022" in r.legal_source and r.version == version for r in rules.values())
    RetentionRule.objects.create(
        kind="core.task_result", version="2099.1", days=7, action="delete", legal_source="x"
    )
    assert {r.kind: r for r in retention.current_rules()}["core.task_result"].days == 7


def test_old_task_rows_are_purged(db):
    from django_tasks_db.models import DBTaskResult

    old = timezone.now() - timedelta(days=400)
    DBTaskResult.objects.create(
        args_kwargs={"args": ["x"], "kwargs": {}}, task_path="pantas.core.tasks.seal_audit", backend_name="default",
        run_after=old, status="SUCCESSFUL", finished_at=old, queue_name="default", priority=0,
    )  # fmt: skip
    call_command("purge_expired", stdout=io.StringIO())
    assert not DBTaskResult.objects.exists()


def test_subject_export_has_the_civil_servants_record_but_no_reporter_identity(personas, tmp_path):
    create_custodian_key(
        personas["kustodian"], "frasa-sandi-kustodian-uji", "k",
        opslimit=nacl.pwhash.argon2id.OPSLIMIT_MIN, memlimit=nacl.pwhash.argon2id.MEMLIMIT_MIN,
    )  # fmt: skip
    report, case = _closed_case(
        personas["intake"], "confidential", name="Siti Pelapor", contact="0812", note=""
    )
    target = tmp_path / "subject.json"
    call_command("export_subject_data", "--nip", NIP, "--output", str(target))
    text = target.read_text(encoding="utf-8")
    data = json.loads(text)
    assert report.number in [r["number"] for r in data["reports"]]
    assert case.number in [c["number"] for c in data["cases"]]
    assert "Siti Pelapor" not in text and "0812" not in text
    assert AuditEvent.objects.filter(action="cases.subject_data.exported", object_id=NIP).exists()
