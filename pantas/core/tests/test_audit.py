"""P-08: the audit trail is append-only (database triggers on SQLite and PostgreSQL) and hash-chained by a
sealer after commit, so audited writers never wait for each other (ADR 0040)."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from pantas.core import audit
from pantas.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _event(**data):
    with transaction.atomic():
        return audit.record("core.test.done", object_type="core.test", object_id="1", data=data)


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_record_outside_a_transaction():
    with pytest.raises(RuntimeError):
        audit.record("core.test.done", object_type="core.test", object_id="1")


def test_raw_update_is_refused_by_the_database():
    event = _event(a=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'edited' WHERE id = %s", [event.id])
    event.refresh_from_db()
    assert event.reason == ""


def test_raw_delete_is_refused_by_the_database():
    event = _event(a=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.id])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_orm_delete_is_refused_too():
    event = _event(a=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_a_purge_permit_allows_deletion_inside_its_transaction():
    event = _event(a=1)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO core_audit_purge_permit (reason) VALUES ('retention purge')")
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.id])
        cursor.execute("DELETE FROM core_audit_purge_permit")
    assert not AuditEvent.objects.filter(pk=event.pk).exists()


def _tamper(event_id):
    """An attacker who can bypass the trigger (permit open) edits history."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO core_audit_purge_permit (reason) VALUES ('test tamper')")
        cursor.execute("UPDATE core_auditevent SET reason = 'rewritten' WHERE id = %s", [event_id])
        cursor.execute("DELETE FROM core_audit_purge_permit")


def test_events_are_written_unsealed_and_sealed_later():
    event = _event(a=1)
    assert (event.seq, event.hash) == (None, None)
    assert audit.unsealed_count() >= 1
    assert audit.seal() >= 1
    assert audit.unsealed_count() == 0
    event.refresh_from_db()
    assert event.seq and len(event.hash) == 64
    assert audit.seal() == 0


def test_the_chain_verifies_and_detects_a_tampered_row():
    first = _event(a=1)
    _event(b=2)
    record_many = audit.record_many(
        [{"action": "core.test.bulk", "object_type": "core.test", "object_id": i} for i in range(3)]
    )
    assert record_many == 3
    audit.seal()
    assert audit.verify_chain() == []
    _tamper(first.id)
    assert audit.verify_chain() == [first.id]


def test_each_event_links_to_its_predecessor():
    a = _event(n=1)
    b = _event(n=2)
    audit.seal(batch=1)  # several sealer transactions chain exactly as one
    a.refresh_from_db()
    b.refresh_from_db()
    assert b.seq == a.seq + 1
    assert b.prev_hash == a.hash


def test_the_trigger_lets_the_sealer_set_the_hash_once_and_nothing_else():
    event = _event(a=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        # Sealing while changing content is refused.
        cursor.execute(
            "UPDATE core_auditevent SET seq = 999999, hash = %s, reason = 'edited' WHERE id = %s",
            ["a" * 64, event.id],
        )
    audit.seal()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET hash = %s WHERE id = %s", ["b" * 64, event.id])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET seq = NULL, hash = NULL WHERE id = %s", [event.id])
    assert audit.verify_chain() == []


def test_a_hash_forged_onto_an_unsealed_row_is_reported():
    audit.seal()
    event = _event(a=1)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO core_audit_purge_permit (reason) VALUES ('test tamper')")
        cursor.execute("UPDATE core_auditevent SET hash = %s WHERE id = %s", ["c" * 64, event.id])
        cursor.execute("DELETE FROM core_audit_purge_permit")
    assert audit.verify_chain() == [event.id]


def test_the_commands_seal_and_verify(capsys):
    first = _event(a=1)
    call_command("verify_audit_chain", "--seal")
    out = capsys.readouterr().out
    assert "unsealed: 0" in out and "chain intact" in out
    _event(a=2)
    call_command("verify_audit_chain")
    assert "unsealed: 1" in capsys.readouterr().out
    call_command("seal_audit")
    assert "sealed: 1" in capsys.readouterr().out
    _tamper(first.id)
    with pytest.raises(Exception, match="broken: 1"):
        call_command("verify_audit_chain")


@pytest.fixture
def postgres_db(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (concurrent writers)")


@pytest.mark.postgres
def test_a_slow_audited_transaction_does_not_delay_another(postgres_db):
    """The old global chain lock made every audited write wait for the slowest open one."""
    written = threading.Event()
    slow_ids = []

    def slow():
        try:
            with transaction.atomic():
                slow_ids.append(audit.record("core.test.slow", object_type="core.test", object_id="1").id)
                written.set()
                time.sleep(2)
        finally:
            connections.close_all()

    thread = threading.Thread(target=slow)
    thread.start()
    assert written.wait(10)
    started = time.monotonic()
    with transaction.atomic():  # commits, then the seal task runs (ImmediateBackend) — all within the bound
        fast = audit.record("core.test.fast", object_type="core.test", object_id="2")
    elapsed = time.monotonic() - started
    thread.join(30)
    assert elapsed < 0.5, f"second audited transaction waited {elapsed:.2f} s"

    # The slow event has the smaller id but committed later: it is chained after the fast one.
    slow_event = AuditEvent.objects.get(pk=slow_ids[0])
    fast.refresh_from_db()
    assert slow_event.id < fast.id and slow_event.seq > fast.seq
    assert slow_event.prev_hash == fast.hash
    assert audit.unsealed_count() == 0
    assert audit.verify_chain() == []
    _tamper(slow_event.id)
    assert audit.verify_chain() == [slow_event.id]
