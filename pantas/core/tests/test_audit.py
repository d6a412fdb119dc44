"""P-08: the audit trail is append-only (database triggers on SQLite and PostgreSQL) and hash-chained."""

import pytest
from django.db import DatabaseError, connection, transaction

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


def test_the_chain_verifies_and_detects_a_tampered_row():
    first = _event(a=1)
    _event(b=2)
    record_many = audit.record_many(
        [{"action": "core.test.bulk", "object_type": "core.test", "object_id": i} for i in range(3)]
    )
    assert record_many == 3
    assert audit.verify_chain() == []
    # Simulate an attacker who can bypass the trigger (permit open) and edits history.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO core_audit_purge_permit (reason) VALUES ('test tamper')")
        cursor.execute("UPDATE core_auditevent SET reason = 'rewritten' WHERE id = %s", [first.id])
        cursor.execute("DELETE FROM core_audit_purge_permit")
    assert audit.verify_chain() == [first.id]


def test_each_event_links_to_its_predecessor():
    a = _event(n=1)
    b = _event(n=2)
    assert b.prev_hash == a.hash
