"""Assessment cycles: the supervisor prepares a cycle, opens it (every participant gets an assessment) and
publishes its results."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit, workflow
from pantas.core.errors import InvalidTransition
from pantas.registry.models import Authority

from ..models import (
    Answer,
    Assessment,
    AssessmentCycle,
    AssessmentStatus,
    AssessmentStatusChange,
    CycleKind,
    CycleStatus,
    Indicator,
    VersionStatus,
)
from ..roles import CYCLE_MANAGERS
from ..workflow import ASSESSMENT_FLOW, CYCLE_FLOW, AssessmentAction, CycleAction
from .base import require_roles

CYCLE_FIELDS = ("year", "title", "self_assessment_due", "verification_due", "reply_window_days")


def _check(version, year, instrument_cycle_exists: bool) -> None:
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError({"instrument_version": _("Pilih versi instrumen yang sudah terbit.")})
    if instrument_cycle_exists:
        raise ValidationError(
            {"year": _("Sudah ada siklus untuk instrumen ini pada tahun %(year)s.") % {"year": year}}
        )


@transaction.atomic
def create_cycle(user, *, instrument_version, participants, **fields) -> AssessmentCycle:
    require_roles(user, CYCLE_MANAGERS)
    fields = {k: v for k, v in fields.items() if k in CYCLE_FIELDS}
    year = fields["year"]
    exists = AssessmentCycle.objects.filter(
        instrument_id=instrument_version.instrument_id, year=year
    ).exists()
    _check(instrument_version, year, exists)
    cycle = AssessmentCycle.objects.create(
        instrument_id=instrument_version.instrument_id,
        instrument_version=instrument_version,
        authority=Authority.objects.for_date(min(timezone.localdate(), date(year, 12, 31))),
        created_by=user,
        **fields,
    )
    cycle.participants.set(participants)
    cycle.history.create(old="", new=CycleStatus.DRAFT, at=workflow.now(), by=user)
    audit.record(
        "merit.cycle.created",
        cycle,
        actor=user,
        data={"year": year, "version": instrument_version.pk, "participants": len(participants)},
    )
    return cycle


@transaction.atomic
def update_cycle(cycle: AssessmentCycle, user, *, instrument_version, participants, **fields) -> None:
    CYCLE_FLOW.hold(cycle, user, CycleAction.EDIT)
    fields = {k: v for k, v in fields.items() if k in CYCLE_FIELDS}
    exists = (
        AssessmentCycle.objects.filter(instrument_id=instrument_version.instrument_id, year=fields["year"])
        .exclude(pk=cycle.pk)
        .exists()
    )
    _check(instrument_version, fields["year"], exists)
    diff = {k: [str(getattr(cycle, k)), str(v)] for k, v in fields.items() if getattr(cycle, k) != v}
    if cycle.instrument_version_id != instrument_version.pk:
        diff["instrument_version"] = [cycle.instrument_version_id, instrument_version.pk]
    AssessmentCycle.objects.filter(pk=cycle.pk).update(
        instrument_id=instrument_version.instrument_id,
        instrument_version=instrument_version,
        updated_at=workflow.now(),
        **fields,
    )
    cycle.participants.set(participants)
    diff["participants"] = len(participants)
    audit.record("merit.cycle.changed", cycle, actor=user, data=diff)


@CYCLE_FLOW.action(CycleAction.OPEN)
def open_cycle(cycle: AssessmentCycle, user, reason: str = "") -> int:
    """Draft → open: every participant gets an assessment in self-assessment with one empty answer per
    indicator. Returns the number of assessments created."""
    version = cycle.instrument_version
    if version.status != VersionStatus.PUBLISHED:
        raise InvalidTransition(_("Versi instrumen siklus ini belum terbit atau sudah tidak dipakai."))
    agency_ids = list(cycle.participants.values_list("pk", flat=True))
    if not agency_ids:
        raise ValidationError({"participants": _("Pilih paling sedikit satu instansi peserta.")})
    now = workflow.now()
    CYCLE_FLOW.run(
        cycle,
        user,
        CycleAction.OPEN,
        reason=reason,
        changes={"opened_at": now},
        data={"participants": len(agency_ids)},
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(cycle=cycle, agency_id=a, status=AssessmentStatus.SELF_ASSESSMENT) for a in agency_ids
    )
    if not all(a.pk for a in assessments):  # backends without RETURNING ids
        assessments = list(cycle.assessments.all())
    indicator_ids = list(Indicator.objects.filter(aspect__version=version).values_list("pk", flat=True))
    Answer.objects.bulk_create(
        (Answer(assessment=a, indicator_id=i) for a in assessments for i in indicator_ids), batch_size=2000
    )
    AssessmentStatusChange.objects.bulk_create(
        AssessmentStatusChange(assessment=a, old="", new=AssessmentStatus.SELF_ASSESSMENT, at=now, by=user)
        for a in assessments
    )
    return len(assessments)


@CYCLE_FLOW.action(CycleAction.PUBLISH)
def publish_cycle(cycle: AssessmentCycle, user, reason: str = "") -> int:
    """Open → published: final results become public; assessments not final by now are closed as
    "tidak dinilai" in the same transaction. Returns the number of published results."""
    final = cycle.assessments.filter(status=AssessmentStatus.FINAL).count()
    if not final:
        raise InvalidTransition(_("Belum ada penilaian yang final; tidak ada hasil untuk diumumkan."))
    unfinished = list(
        cycle.assessments.exclude(status__in=[AssessmentStatus.FINAL, AssessmentStatus.UNASSESSED])
        .select_related("agency")
        .order_by("pk")
    )
    for assessment in unfinished:
        ASSESSMENT_FLOW.run(assessment, user, AssessmentAction.CLOSE_UNASSESSED, reason=_("Siklus diumumkan"))
    CYCLE_FLOW.run(
        cycle,
        user,
        CycleAction.PUBLISH,
        reason=reason,
        changes={"published_at": workflow.now()},
        data={"results": final, "unassessed": [a.agency.code for a in unfinished]},
    )
    return final


def historical_cycle(version, year: int, user) -> AssessmentCycle:
    """The published cycle that holds imported results for (instrument, year); created on first use."""
    cycle = AssessmentCycle.objects.filter(instrument_id=version.instrument_id, year=year).first()
    if cycle is not None:
        if cycle.kind != CycleKind.HISTORICAL:
            raise InvalidTransition(
                _("Tahun %(year)s sudah memiliki siklus penilaian di Pantas.") % {"year": year}
            )
        return cycle
    now = workflow.now()
    cycle = AssessmentCycle.objects.create(
        year=year,
        title=_("%(name)s %(year)s (data historis)") % {"name": version.instrument.name, "year": year},
        kind=CycleKind.HISTORICAL,
        instrument_id=version.instrument_id,
        instrument_version=version,
        authority=Authority.objects.for_date(date(year, 12, 31)),
        status=CycleStatus.PUBLISHED,
        created_by=user,
        opened_at=now,
        published_at=now,
    )
    cycle.history.create(old="", new=CycleStatus.PUBLISHED, at=now, by=user, reason=_("Impor data historis"))
    audit.record("merit.cycle.imported", cycle, actor=user, data={"year": year, "version": version.pk})
    return cycle
