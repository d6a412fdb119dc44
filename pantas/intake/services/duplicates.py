"""Duplicate suggestions on intake and the staff decisions on them: link or dismiss (ADR 0014, 0041).

A report is suggested as a duplicate of an older one when they name the same ASN (NIP, or name + agency),
share an evidence file hash or link, or have near-identical text: MinHash bands (four indexed integers)
verified by exact Jaccard. Every look-up is an equality probe on an index with a LIMIT, so the cost is bounded
by construction whatever the table size (ADR 0135: no trigram similarity here — over a million descriptions
that share much of their vocabulary its index prunes little). `suggest_for` runs in a task after the
submission commits (`tasks.suggest_duplicates`), never inside it.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit, workflow
from pantas.core.errors import InvalidTransition, NotAllowed

from ..models import (
    HANDLER_ROLES,
    DuplicateSuggestion,
    Evidence,
    EvidenceKind,
    Report,
    ReportedPerson,
)
from ..workflow import SUGGESTION_FLOW, SuggestionAction
from . import text

SCORES = {"nip": 50, "file_hash": 50, "url": 40, "name_agency": 35, "text": 30}
MAX_SUGGESTIONS = 20
CANDIDATE_LIMIT = 200  # per reason: a NIP named in thousands of reports still costs one bounded query


def _minhash_matches(report: Report) -> list[int]:
    bands = [getattr(report, f"text_band{i}") for i in range(text.BANDS)]
    if not any(bands):
        return []
    band_q = Q()
    for i, value in enumerate(bands):
        band_q |= Q(**{f"text_band{i}": value})
    own = text.shingles(report.description)
    rows = (
        Report.objects.filter(band_q)
        .exclude(pk=report.pk)
        .order_by("-id")
        .values_list("pk", "description")[:200]
    )
    return [pk for pk, description in rows if text.jaccard(own, text.shingles(description)) >= text.THRESHOLD]


def _bounded(queryset) -> list[int]:
    """The most recent reports of an indexed match (rows of persons or evidence carry `report_id`)."""
    return list(queryset.order_by("-report_id").values_list("report_id", flat=True)[:CANDIDATE_LIMIT])


def candidates(report: Report) -> dict[int, set[str]]:
    """Older-or-other reports that look like the same matter, with the reasons."""
    found: dict[int, set[str]] = {}

    def add(ids, reason):
        for pk in ids:
            if pk != report.pk:
                found.setdefault(pk, set()).add(reason)

    persons = list(report.reported_persons.all())
    nips = {p.nip for p in persons if p.nip}
    if nips:
        add(_bounded(ReportedPerson.objects.filter(nip__in=nips)), "nip")
    name_q = Q()
    for p in persons:
        if p.name_key and p.agency_id:
            name_q |= Q(name_key=p.name_key, agency_id=p.agency_id)
    if name_q:
        add(_bounded(ReportedPerson.objects.filter(name_q)), "name_agency")
    evidence = list(report.evidence.values_list("kind", "sha256", "url_key"))
    hashes = {h for kind, h, _u in evidence if kind == EvidenceKind.FILE}
    urls = {u for kind, _h, u in evidence if kind == EvidenceKind.LINK and u}
    if hashes:
        add(_bounded(Evidence.objects.filter(kind=EvidenceKind.FILE, sha256__in=hashes)), "file_hash")
    if urls:
        add(_bounded(Evidence.objects.filter(kind=EvidenceKind.LINK, url_key__in=urls)), "url")
    add(_minhash_matches(report), "text")
    return found


def suggest_for(report: Report) -> list[DuplicateSuggestion]:
    """Store suggestions for `report` (idempotent: existing pairs are kept as they are)."""
    scored = sorted(
        (
            (min(100, sum(SCORES[r] for r in reasons)), pk, sorted(reasons))
            for pk, reasons in candidates(report).items()
        ),
        reverse=True,
    )[:MAX_SUGGESTIONS]
    rows = [
        DuplicateSuggestion(report=report, candidate_id=pk, reasons=reasons, score=score)
        for score, pk, reasons in scored
    ]
    DuplicateSuggestion.objects.bulk_create(rows, ignore_conflicts=True)
    return rows


def _root(report: Report) -> Report:
    seen = set()
    while report.linked_to_id and report.pk not in seen:
        seen.add(report.pk)
        report = Report.objects.get(pk=report.linked_to_id)
    return report


def link_reports(report: Report, target: Report, actor, reason: str = "", suggestion=None) -> Report:
    """Mark `report` as a duplicate of `target` (or of the report `target` is itself linked to)."""
    if not actor.has_any_role(HANDLER_ROLES):
        raise NotAllowed(_("Peran Anda tidak berwenang menautkan laporan."))
    root = _root(target)
    if root.pk == report.pk:
        raise InvalidTransition(_("Laporan tidak dapat ditautkan ke dirinya sendiri."))
    with transaction.atomic():
        # Compare-and-set: two staff linking the same report at once — only the first wins.
        if not Report.objects.filter(pk=report.pk, linked_to__isnull=True).update(
            linked_to=root, updated_at=timezone.now()
        ):
            raise InvalidTransition(_("Laporan ini sudah ditautkan ke laporan lain."))
        # Keep links one level deep: reports that pointed at `report` now point at the root.
        Report.objects.filter(linked_to=report).update(linked_to=root)
        if suggestion is not None:
            SUGGESTION_FLOW.run(
                suggestion,
                actor,
                SuggestionAction.LINK,
                reason=reason,
                changes={"decided_by": actor, "decided_at": workflow.now()},
                data={"report": report.number, "candidate": root.number},
            )
        audit.record(
            "intake.report.linked",
            report,
            actor=actor,
            reason=reason,
            data={"linked_to": [None, root.number], "suggestion": getattr(suggestion, "pk", None)},
        )
    report.linked_to = root
    return report


@SUGGESTION_FLOW.action(SuggestionAction.DISMISS)
def dismiss_suggestion(suggestion: DuplicateSuggestion, actor, reason: str = "") -> DuplicateSuggestion:
    return SUGGESTION_FLOW.run(
        suggestion,
        actor,
        SuggestionAction.DISMISS,
        reason=reason,
        changes={"decided_by": actor, "decided_at": workflow.now()},
        data={"report": suggestion.report.number, "candidate": suggestion.candidate.number},
    )
