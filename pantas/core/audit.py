"""Writing and verifying the append-only, hash-chained audit trail.

Callers (service functions) call `record()` inside their own `transaction.atomic()` block so the change and its
audit event commit or roll back together.
"""

import hashlib
import json
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEvent

GENESIS = "0" * 64


def _canonical(event_fields: dict) -> str:
    return json.dumps(event_fields, sort_keys=True, separators=(",", ":"), cls=DjangoJSONEncoder)


def compute_hash(
    prev_hash: str, *, at: datetime, actor_id, action, object_type, object_id, reason, data
) -> str:
    payload = _canonical(
        {
            "prev": prev_hash,
            "at": at.astimezone(timezone.UTC).isoformat(),
            "actor": actor_id,
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "reason": reason,
            "data": data,
        }
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _lock_chain() -> str:
    """Serialise writers of the chain and return the current head hash.

    Two transactions appending at once would both chain onto the same predecessor; on PostgreSQL an advisory
    transaction lock prevents that. SQLite already serialises writers (IMMEDIATE transactions).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(727274)")
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS


def _normalise(data) -> dict:
    # Round-trip through JSON so the stored value equals what the hash was computed over.
    return json.loads(_canonical(data or {}))


def record(
    action: str,
    obj=None,
    *,
    actor=None,
    reason: str = "",
    data: dict | None = None,
    object_type: str | None = None,
    object_id=None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one audit event. `action` is a namespaced code such as `cases.case.verified`."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record() must run inside the transaction that makes the change")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = obj.pk if object_id is None else object_id
    at = at or timezone.now()
    data = _normalise(data)
    actor_id = getattr(actor, "pk", None)
    prev = _lock_chain()
    event = AuditEvent(
        at=at,
        actor_id=actor_id,
        actor_label=getattr(actor, "username", "") or "system",
        action=action,
        object_type=object_type or "",
        object_id=str(object_id if object_id is not None else ""),
        reason=reason,
        data=data,
        prev_hash=prev,
    )
    event.hash = compute_hash(
        prev,
        at=at,
        actor_id=actor_id,
        action=action,
        object_type=event.object_type,
        object_id=event.object_id,
        reason=reason,
        data=data,
    )
    event.save(force_insert=True)
    return event


def record_many(entries: list[dict], actor=None) -> int:
    """Bulk append (demo data and imports): same chain, one INSERT per 1,000 rows."""
    if not entries:
        return 0
    with transaction.atomic():
        prev = _lock_chain()
        rows = []
        for entry in entries:
            at = entry.get("at") or timezone.now()
            data = _normalise(entry.get("data"))
            obj = entry.get("obj")
            object_type = entry["object_type"] if "object_type" in entry else obj._meta.label_lower
            object_id = str(entry["object_id"] if "object_id" in entry else obj.pk)
            actor_obj = entry.get("actor", actor)
            actor_id = getattr(actor_obj, "pk", None)
            h = compute_hash(
                prev,
                at=at,
                actor_id=actor_id,
                action=entry["action"],
                object_type=object_type,
                object_id=object_id,
                reason=entry.get("reason", ""),
                data=data,
            )
            rows.append(
                AuditEvent(
                    at=at,
                    actor_id=actor_id,
                    actor_label=getattr(actor_obj, "username", "") or "system",
                    action=entry["action"],
                    object_type=object_type,
                    object_id=object_id,
                    reason=entry.get("reason", ""),
                    data=data,
                    prev_hash=prev,
                    hash=h,
                )
            )
            prev = h
        AuditEvent.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def verify_chain() -> list[int]:
    """Return the ids of events whose hash or link does not match; empty means the chain is intact."""
    broken = []
    prev = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        expected = compute_hash(
            prev,
            at=event.at,
            actor_id=event.actor_id,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            reason=event.reason,
            data=event.data,
        )
        if event.prev_hash != prev or event.hash != expected:
            broken.append(event.id)
        prev = event.hash
    return broken


def events_for(obj):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related(
        "actor"
    )
