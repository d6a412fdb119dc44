"""Retention and purge under UU 27/2022 (P-17, ADR 0095).

Periods are data (`core/data/retention.json` → `RetentionRule`, versioned, with the legal source). Each app
registers a handler for the kinds it owns, in its `AppConfig.ready()`:

    retention.register("intake.evidence_file", find=..., purge=...)

`find(cutoff)` returns the candidates (ids) past retention, leaving out held ones (`held_ids`); `purge(ids)`
removes or anonymises them inside the purge's transaction (files go after commit) and returns how many. Kinds without a handler (an app not installed yet, e.g. the
follow-up notifications) are reported and skipped. Legal holds (`LegalHold`) name an object; apps may widen a hold
(a held case holds its reports) with `register_hold_expander`.

Audit events are never purged: the trail is retained whole (it holds no reporter identity); the purge itself
is one audit event per kind, listing counts and object ids.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from . import audit
from .models import LegalHold, RetentionRule

DATA = Path(__file__).parent / "data" / "retention.json"


@dataclass
class Handler:
    find: Callable[[object, set[str]], Iterable]
    purge: Callable[[list], int]
    label: Callable[[object], str] = str


HANDLERS: dict[str, Handler] = {}
HOLD_EXPANDERS: dict[str, list[Callable[[], set[str]]]] = {}


def register(kind: str, *, find, purge, label=str) -> None:
    HANDLERS[kind] = Handler(find=find, purge=purge, label=label)


def register_hold_expander(object_type: str, expander: Callable[[], set[str]]) -> None:
    """`expander()` returns extra ids of `object_type` held because of a hold on something else."""
    HOLD_EXPANDERS.setdefault(object_type, []).append(expander)


def held_ids(object_type: str) -> set[str]:
    ids = set(LegalHold.objects.active().filter(object_type=object_type).values_list("object_id", flat=True))
    for expander in HOLD_EXPANDERS.get(object_type, []):
        ids |= {str(i) for i in expander()}
    return ids


def load_rules(path: Path = DATA) -> str:
    """Load the shipped rules (idempotent); returns the version."""
    data = json.loads(path.read_text(encoding="utf-8"))
    version = data["version"]
    for rule in data["rules"]:
        RetentionRule.objects.update_or_create(
            kind=rule["kind"],
            version=version,
            defaults={
                "days": rule["days"],
                "action": rule["action"],
                "legal_source": rule["legal_source"],
                "description": rule.get("description", ""),
            },
        )
    return version


def current_rules() -> list[RetentionRule]:
    newest: dict[str, RetentionRule] = {}
    for rule in RetentionRule.objects.order_by("kind", "-version", "-id"):
        newest.setdefault(rule.kind, rule)
    return list(newest.values())


@dataclass
class KindReport:
    kind: str
    days: int
    cutoff: object
    items: list
    labels: list[str]
    purged: int = 0
    handled: bool = True


def plan(now=None) -> list[KindReport]:
    now = now or timezone.now()
    reports = []
    for rule in current_rules():
        cutoff = now - timedelta(days=rule.days)
        handler = HANDLERS.get(rule.kind)
        if handler is None:
            reports.append(KindReport(rule.kind, rule.days, cutoff, [], [], handled=False))
            continue
        items = list(handler.find(cutoff))
        reports.append(KindReport(rule.kind, rule.days, cutoff, items, [handler.label(i) for i in items]))
    return reports


def purge(now=None, *, dry_run: bool = False) -> list[KindReport]:
    """Purge everything past retention, kind by kind, each in its own transaction with its audit event."""
    reports = plan(now)
    if dry_run:
        return reports
    for report in reports:
        if not report.handled or not report.items:
            continue
        handler = HANDLERS[report.kind]
        with transaction.atomic():
            report.purged = handler.purge(report.items)
            audit.record(
                "core.retention.purged",
                object_type="core.retentionrule",
                object_id=report.kind,
                data={
                    "kind": report.kind,
                    "days": report.days,
                    "count": report.purged,
                    "objects": report.labels,
                },
            )
    return reports


def find_task_results(cutoff):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        finished_at__lt=cutoff, status__in=["SUCCESSFUL", "FAILED"]
    ).values_list("pk", flat=True)


def delete_task_results(ids) -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(pk__in=list(ids)).delete()[0]


def register_core() -> None:
    register(
        "core.task_result", find=find_task_results, purge=delete_task_results, label=lambda pk: f"task:{pk}"
    )


@transaction.atomic
def place_hold(object_type: str, object_id, reason: str, actor=None) -> LegalHold:
    hold = LegalHold.objects.create(
        object_type=object_type, object_id=str(object_id), reason=reason, placed_by=actor
    )
    audit.record("core.legal_hold.placed", hold, actor=actor, reason=reason, data={"object": str(hold)})
    return hold


@transaction.atomic
def release_hold(hold: LegalHold, actor=None, reason: str = "") -> None:
    LegalHold.objects.filter(pk=hold.pk).update(released_at=timezone.now())
    audit.record("core.legal_hold.released", hold, actor=actor, reason=reason, data={"object": str(hold)})
