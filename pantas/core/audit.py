"""Writing, sealing and verifying the append-only, hash-chained audit trail (ADR 0040).

Callers (service functions) call `record()` inside their own `transaction.atomic()` block so the change and its
audit event commit or roll back together. `record()` takes no lock: the event is inserted unsealed and a seal
task is enqueued on commit. `seal()` — one sealer at a time — chains the committed unsealed events onto the head
in the order it finds them (`seq`), so an event whose transaction commits late is chained late instead of
leaving a hole behind an already sealed successor.
"""

import hashlib
import json
from datetime import datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from . import bulk
from .models import AuditEvent

GENESIS = "0" * 64
SEALER_LOCK = 727275
SEAL_BATCH = 2000


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
    event = AuditEvent(
        at=at,
        actor_id=actor_id,
        actor_label=getattr(actor, "username", "") or "system",
        action=action,
        object_type=object_type or "",
        object_id=str(object_id if object_id is not None else ""),
        reason=reason,
        data=data,
    )
    event.save(force_insert=True)
    _seal_after_commit()
    return event


def record_many(entries: list[dict], actor=None) -> int:
    """Bulk append (demo data, imports, `Workflow.run_many`): one INSERT per 5,000 rows (`core.bulk`), each row
    what `record()` writes for that entry, sealed after commit like `record()` (ADRs 0146, 0150)."""
    if not entries:
        return 0
    rows = []
    for entry in entries:
        obj = entry.get("obj")
        actor_obj = entry.get("actor", actor)
        rows.append(
            {
                "at": entry.get("at") or timezone.now(),
                "actor_id": getattr(actor_obj, "pk", None),
                "actor_label": getattr(actor_obj, "username", "") or "system",
                "action": entry["action"],
                "object_type": entry["object_type"] if "object_type" in entry else obj._meta.label_lower,
                "object_id": str(entry["object_id"] if "object_id" in entry else obj.pk),
                "reason": entry.get("reason", ""),
                "data": _normalise(entry.get("data")),
            }
        )
    with transaction.atomic():
        bulk.insert(AuditEvent, rows)  # no lock, like `record()` (ADR 0040)
        _seal_after_commit()
    return len(rows)


def _event_hash(prev: str, event: AuditEvent) -> str:
    return compute_hash(
        prev,
        at=event.at,
        actor_id=event.actor_id,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        reason=event.reason,
        data=event.data,
    )


def _enqueue_seal() -> None:
    from .tasks import seal_audit

    seal_audit.enqueue()


def _seal_after_commit() -> None:
    """One seal task per committed transaction, however many events it wrote."""
    conn = transaction.get_connection()
    if not any(func is _enqueue_seal for _sids, func, _robust in conn.run_on_commit):
        transaction.on_commit(_enqueue_seal, robust=True)


def _lock_sealer() -> None:
    """Only one sealer at a time (a lock writers never take). SQLite serialises writers already (IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEALER_LOCK])


def seal(batch: int = SEAL_BATCH) -> int:
    """Chain every committed unsealed event onto the head; return how many were sealed.

    Only committed rows are visible here; one whose transaction is still open is sealed by a later run (its own
    transaction enqueues one on commit), after the rows sealed now. Chain order is therefore `seq`, not `id`.
    """
    total = 0
    while True:
        with transaction.atomic():
            _lock_sealer()
            head = (
                AuditEvent.objects.filter(seq__isnull=False)
                .order_by("-seq")
                .values_list("seq", "hash")
                .first()
            )
            seq, prev = head or (0, GENESIS)
            rows = list(AuditEvent.objects.filter(seq__isnull=True).order_by("id")[:batch])
            for event in rows:
                seq += 1
                event.seq, event.prev_hash, event.hash = seq, prev, _event_hash(prev, event)
                prev = event.hash
            AuditEvent.objects.bulk_update(rows, ["seq", "prev_hash", "hash"], batch_size=1000)
        total += len(rows)
        if len(rows) < batch:
            return total


def unsealed_count() -> int:
    return AuditEvent.objects.filter(seq__isnull=True).count()


def verify_chain() -> list[int]:
    """Return the ids of sealed events whose hash or link does not match; empty means the chain is intact.

    Unsealed events (the short window before the sealer runs; see `unsealed_count()`) are not part of the chain
    yet. An unsealed row that nevertheless carries a hash was written around the triggers and is reported.
    """
    broken = list(
        AuditEvent.objects.filter(seq__isnull=True, hash__isnull=False).values_list("id", flat=True)
    )
    prev = GENESIS
    for event in AuditEvent.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=2000):
        if event.prev_hash != prev or event.hash != _event_hash(prev, event):
            broken.append(event.id)
        prev = event.hash
    return sorted(broken)


def events_for(obj):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related(
        "actor"
    )
