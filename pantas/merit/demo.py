"""Demo data for the merit app (fixed seed: the same numbers on every machine).

* 2022 KASN results imported from a generated CSV through the real import service (historical cycle);
* the 2023 KASN cycle, published: 34 agencies "Sangat Baik" (Provinsi Banten at 326), 96 "Baik", and some
  lower — the "Penganugrahan Meritokrasi" figures;
* the 2023 NKK evaluation, published: 16 agencies, 10 of them "Patuh" (62.5 %);
* the open 2026 cycle on the PermenPANRB 19/2025 instrument with agencies at every step; Kota Makassar is in
  the middle of its self-assessment (persona ppk.makassar has work to do), Kementerian Agama has submitted.

Finished demo assessments are written in bulk (not one by one through the transition services); their statuses,
status history and audit events are replayed through the workflow tables (`Workflow.replay_path` /
`replay_bulk`, ADR 0039) and appended with `audit.record_many`.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from pantas.accounts.models import User
from pantas.core import audit
from pantas.core.calendar import IndonesianCalendar
from pantas.registry.models import Agency, Authority

from . import scoring
from .models import (
    Answer,
    Assessment,
    AssessmentCycle,
    AssessmentStatus,
    AssessmentStatusChange,
    CycleStatus,
    CycleStatusChange,
    Evidence,
    EvidenceKind,
    Indicator,
    InstrumentVersion,
    Result,
    ResultAspect,
    ResultSource,
)
from .reference import load_all
from .services import imports as import_svc
from .workflow import ASSESSMENT_FLOW, CYCLE_FLOW, AssessmentAction, CycleAction

SEED = 20231212
S = AssessmentStatus
REASONS = [
    "Bukti dukung belum menunjukkan penerapan di seluruh unit.",
    "Dokumen yang dilampirkan masih berupa rancangan, belum ditetapkan.",
    "Tidak ditemukan laporan evaluasi berkala.",
    "Bukti berasal dari tahun sebelumnya.",
]


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


@dataclass
class Plan:
    agency: Agency
    status: str
    final: list[int] | None = None  # option index per indicator (None: not verified)
    own: list[int | None] = field(default_factory=list)  # the agency's answers (None: unanswered)
    replied: bool = False


class Instrument:
    """The version's indicators and options in order, and a planner for exact totals."""

    def __init__(self, code: str):
        self.version = InstrumentVersion.objects.get(instrument__code=code, number=1)
        self.indicators = list(
            Indicator.objects.filter(aspect__version=self.version)
            .select_related("aspect")
            .prefetch_related("options")
            .order_by("aspect__order", "order")
        )
        self.options = [sorted(i.options.all(), key=lambda o: o.order) for i in self.indicators]
        self.planner = scoring.TotalPlanner([[o.score for o in opts] for opts in self.options])
        self.shape = {a.id: a for a in _shape(self.version)}
        self.bands = list(self.version.bands.all())

    def levels_for(self, target: Decimal, rng: random.Random) -> list[int]:
        picks = self.planner.pick(target, rng)
        while picks is None:  # not every total is reachable; step to the nearest one that is
            target += Decimal("0.5")
            picks = self.planner.pick(target, rng)
        return picks

    def overclaim(self, final: list[int], rng: random.Random, n: int) -> list[int]:
        """The agency's answers: the verified ones, with `n` indicators claimed one level higher."""
        own = list(final)
        candidates = [i for i, k in enumerate(final) if k < len(self.options[i]) - 1]
        for i in rng.sample(candidates, min(n, len(candidates))):
            own[i] += 1
        return own

    def score(self, picks) -> Decimal:
        return sum(
            (opts[k].score for opts, k in zip(self.options, picks, strict=True) if k is not None), Decimal(0)
        )


def _shape(version):
    from .services.instruments import shape_of

    return shape_of(version)


def _target(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 2, high * 2)) / 2


def _write(
    cycle: AssessmentCycle, ins: Instrument, plans: list[Plan], when: dict, rng: random.Random
) -> None:
    """Bulk-create the assessments of `plans` with answers, evidence links, results and status history."""
    calendar = IndonesianCalendar()
    rows, trails = [], []
    for plan in plans:
        answered = [k for k in plan.own if k is not None]
        stages = _stages(plan.status, plan.replied)
        verified_at = _at(when["verified"]) if "verified" in stages else None
        assessment = Assessment(
            cycle=cycle,
            agency=plan.agency,
            status=S.SELF_ASSESSMENT,
            self_score=ins.score(plan.own) if "submitted" in stages and answered else None,
            submitted_at=_at(when["submitted"]) if "submitted" in stages else None,
            verified_at=verified_at,
            reply_due=calendar.add_working_days(when["verified"], cycle.reply_window_days)
            if verified_at
            else None,
            replied_at=_at(when["replied"]) if "replied" in stages else None,
            reply_text="Kami menerima sebagian besar penyesuaian; lihat penjelasan per indikator."
            if plan.replied
            else "",
            finalised_at=_at(when["final"]) if "final" in stages else None,
            created_at=_at(when["opened"]),
        )
        # The status (and its history and audit) is the workflow table's: each stage replayed as its action.
        steps = [(_STEP_ACTIONS[stage], stage, _at(when[_when_key(stage)]), "") for stage in stages[1:]]
        trails.append(ASSESSMENT_FLOW.replay_path(assessment, steps))
        assert assessment.status == plan.status
        rows.append(assessment)
    assessments = Assessment.objects.bulk_create(rows)
    if not all(a.pk for a in assessments):
        assessments = list(cycle.assessments.order_by("pk"))
    answers, results, history, events = [], [], [], []
    for assessment, plan in zip(assessments, plans, strict=True):
        for i, indicator in enumerate(ins.indicators):
            own = plan.own[i] if i < len(plan.own) else None
            final = plan.final[i] if plan.final else None
            adjusted = final is not None and own is not None and final != own
            answers.append(
                Answer(
                    assessment=assessment,
                    indicator=indicator,
                    self_option=ins.options[i][own] if own is not None else None,
                    self_note="Diterapkan sesuai peraturan kepala daerah/pimpinan instansi." if own else "",
                    answered_at=_at(when["answered"]) if own is not None else None,
                    assessor_option=ins.options[i][final] if final is not None else None,
                    assessor_reason=rng.choice(REASONS) if adjusted else "",
                    verified_at=_at(when["verified"]) if final is not None else None,
                    reply_agrees=(rng.random() < 0.6) if adjusted and plan.replied else None,
                    reply_text="SK penetapan terlampir pada tautan bukti."
                    if adjusted and plan.replied
                    else "",
                )
            )
        history.append(
            AssessmentStatusChange(
                assessment=assessment, old="", new=S.SELF_ASSESSMENT, at=_at(when["opened"])
            )
        )
        if plan.status == S.FINAL:
            per_aspect = scoring.aspect_scores(
                list(ins.shape.values()),
                {ind.id: ins.options[i][plan.final[i]].id for i, ind in enumerate(ins.indicators)},
            )
            total = scoring.total(per_aspect)
            results.append((assessment, total, per_aspect))
    Answer.objects.bulk_create(answers, batch_size=2000)
    AssessmentStatusChange.objects.bulk_create(history, batch_size=2000)
    events += ASSESSMENT_FLOW.replay_bulk(zip(assessments, trails, strict=True))
    _evidence(cycle)
    created = Result.objects.bulk_create(
        Result(
            cycle=cycle,
            agency_id=a.agency_id,
            assessment=a,
            score=total,
            band=scoring.band_for(ins.bands, total),
            source=ResultSource.ASSESSMENT,
        )
        for a, total, _aspects in results
    )
    if results and not all(r.pk for r in created):
        created = list(Result.objects.filter(cycle=cycle).order_by("pk"))
    ResultAspect.objects.bulk_create(
        ResultAspect(result=r, aspect_id=s.aspect_id, score=s.score, max_score=s.max_score)
        for r, (_a, _t, per_aspect) in zip(created, results, strict=True)
        for s in per_aspect
    )
    audit.record_many(events)


_ORDER = [S.SELF_ASSESSMENT, S.SUBMITTED, S.VERIFIED, S.REPLIED, S.FINAL]
_STEP_ACTIONS = {
    S.SUBMITTED: AssessmentAction.SUBMIT,
    S.VERIFIED: AssessmentAction.SEND_VERIFICATION,
    S.REPLIED: AssessmentAction.REPLY,
    S.FINAL: AssessmentAction.FINALISE,
}


def _stages(status: str, replied: bool) -> list[str]:
    stages = _ORDER[: _ORDER.index(status) + 1]
    if not replied and status == S.FINAL:
        stages.remove(S.REPLIED)
    return stages


def _when_key(stage: str) -> str:
    return {
        S.SELF_ASSESSMENT: "opened",
        S.SUBMITTED: "submitted",
        S.VERIFIED: "verified",
        S.REPLIED: "replied",
        S.FINAL: "final",
    }[stage]


def _evidence(cycle: AssessmentCycle) -> None:
    """A link as evidence for every answer whose option asks for one (demo links, no files)."""
    rows = (
        Answer.objects.filter(assessment__cycle=cycle, self_option__evidence_required=True)
        .select_related("assessment__agency", "indicator", "self_option")
        .order_by("pk")
    )
    Evidence.objects.bulk_create(
        (
            Evidence(
                answer=a,
                kind=EvidenceKind.LINK,
                title=(a.self_option.evidence_hint or "Dokumen pendukung")[:200],
                url=f"https://jdih.contoh.go.id/{a.assessment.agency.code}/{cycle.year}/{a.indicator.code}",
            )
            for a in rows
        ),
        batch_size=2000,
    )


def _cycle(ins: Instrument, year: int, title: str, status: str, when: dict, **fields) -> AssessmentCycle:
    created = _at(when["opened"]) - timedelta(days=14)
    cycle = AssessmentCycle(
        year=year,
        title=title,
        instrument_id=ins.version.instrument_id,
        instrument_version=ins.version,
        authority=Authority.objects.for_date(when["opened"]),
        status=CycleStatus.DRAFT,
        opened_at=_at(when["opened"]),
        published_at=_at(when["published"]) if status == CycleStatus.PUBLISHED else None,
        created_at=created,
        **fields,
    )
    steps = [(CycleAction.OPEN, None, _at(when["opened"]), "")]
    if status == CycleStatus.PUBLISHED:
        steps.append((CycleAction.PUBLISH, None, _at(when["published"]), ""))
    trail = CYCLE_FLOW.replay_path(cycle, steps)
    cycle.save()
    CycleStatusChange.objects.create(cycle=cycle, old="", new=CycleStatus.DRAFT, at=created)
    audit.record_many(CYCLE_FLOW.replay_bulk([(cycle, trail)]))
    return cycle


def _pick_agencies(rng, fixed: list[str], total: int) -> list[Agency]:
    pool = list(Agency.objects.filter(has_own_ppk=True, disabled_on__isnull=True).order_by("code"))
    chosen = [a for a in pool if a.code in fixed]
    chosen.sort(key=lambda a: fixed.index(a.code))
    rest = [a for a in pool if a.code not in fixed]
    return chosen + rng.sample(rest, total - len(chosen))


def seed_2022_import(kasn: Instrument, rng: random.Random) -> None:
    if AssessmentCycle.objects.filter(instrument_id=kasn.version.instrument_id, year=2022).exists():
        return
    agencies = _pick_agencies(rng, ["prov-36", "kota-73-71", "kemenag"], 24)
    scores = [Decimal("301"), Decimal("262"), Decimal("318.5")] + [
        _target(rng, 150, 360) for _ in agencies[3:]
    ]
    lines = ["instansi,tahun,skor,kategori"]
    for agency, score in zip(agencies, scores, strict=True):
        band = scoring.band_for(kasn.bands, score)
        lines.append(f"{agency.code},2022,{score},{band.name}")
    assessor = User.objects.get(username="penilai")
    batch = import_svc.preview_import(
        assessor, version=kasn.version, name="hasil-sistem-merit-2022.csv", data="\n".join(lines).encode()
    )
    import_svc.commit_import(batch, assessor)


def seed_2023(kasn: Instrument, rng: random.Random) -> None:
    if AssessmentCycle.objects.filter(instrument_id=kasn.version.instrument_id, year=2023).exists():
        return
    when = {
        "opened": date(2023, 3, 6),
        "answered": date(2023, 5, 22),
        "submitted": date(2023, 6, 30),
        "verified": date(2023, 8, 21),
        "replied": date(2023, 8, 31),
        "final": date(2023, 10, 16),
        "published": date(2023, 12, 12),
    }
    cycle = _cycle(
        kasn,
        2023,
        "Penilaian Sistem Merit 2023",
        CycleStatus.PUBLISHED,
        when,
        self_assessment_due=date(2023, 6, 30),
        verification_due=date(2023, 9, 29),
    )
    # band quotas of the "Penganugrahan Meritokrasi" 2023: 34 Sangat Baik, 96 Baik, then lower
    quotas = [(34, 325, 372), (96, 250, 324), (22, 175, 249), (8, 128, 174)]
    agencies = _pick_agencies(rng, ["prov-36", "kemenag", "kota-73-71"], sum(q[0] for q in quotas))
    targets = [Decimal("326"), _target(rng, 330, 360)]
    targets += [_target(rng, 325, 372) for _ in range(32)]
    targets += [Decimal("287")] + [_target(rng, 250, 324) for _ in range(95)]
    targets += [_target(rng, lo, hi) for n, lo, hi in quotas[2:] for _ in range(n)]
    plans = []
    for agency, target in zip(agencies, targets, strict=True):
        final = kasn.levels_for(target, rng)
        plans.append(
            Plan(
                agency,
                S.FINAL,
                final=final,
                own=kasn.overclaim(final, rng, rng.randint(0, 3)),
                replied=rng.random() < 0.4,
            )
        )
    _write(cycle, kasn, plans, when, rng)


def seed_nkk_2023(nkk: Instrument, rng: random.Random) -> None:
    if AssessmentCycle.objects.filter(instrument_id=nkk.version.instrument_id, year=2023).exists():
        return
    when = {
        "opened": date(2023, 4, 3),
        "answered": date(2023, 6, 5),
        "submitted": date(2023, 7, 14),
        "verified": date(2023, 9, 4),
        "replied": date(2023, 9, 15),
        "final": date(2023, 10, 30),
        "published": date(2023, 12, 12),
    }
    cycle = _cycle(
        nkk,
        2023,
        "Evaluasi Kepatuhan Nilai Dasar, Kode Etik dan Kode Perilaku 2023",
        CycleStatus.PUBLISHED,
        when,
        self_assessment_due=date(2023, 7, 14),
    )
    agencies = _pick_agencies(rng, ["prov-36", "kemenag"], 16)
    targets = [_target(rng, 80, 96) for _ in range(10)] + [_target(rng, 60, 79) for _ in range(4)]
    targets += [_target(rng, 35, 59) for _ in range(2)]
    plans = []
    for agency, target in zip(agencies, targets, strict=True):
        final = nkk.levels_for(target, rng)
        plans.append(Plan(agency, S.FINAL, final=final, own=nkk.overclaim(final, rng, rng.randint(0, 2))))
    _write(cycle, nkk, plans, when, rng)


def _status_2026(code: str, i: int) -> str:
    """Kemenag has submitted, Banten is final; the others spread over every step, most still self-assessing."""
    fixed = {"kemenag": S.SUBMITTED, "prov-36": S.FINAL}
    if code in fixed:
        return fixed[code]
    for upper, status in [(11, S.SUBMITTED), (17, S.VERIFIED), (20, S.REPLIED), (25, S.FINAL)]:
        if i < upper:
            return status
    return S.SELF_ASSESSMENT


def seed_2026(panrb: Instrument, rng: random.Random) -> None:
    if AssessmentCycle.objects.filter(instrument_id=panrb.version.instrument_id, year=2026).exists():
        return
    when = {
        "opened": date(2026, 9, 1),
        "answered": date(2026, 10, 20),
        "submitted": date(2026, 10, 30),
        "verified": date(2026, 11, 16),
        "replied": date(2026, 11, 19),
        "final": date(2026, 11, 20),
    }
    cycle = _cycle(
        panrb,
        2026,
        "Pengukuran Sistem Merit 2026 (PermenPANRB 19/2025)",
        CycleStatus.OPEN,
        when,
        self_assessment_due=date(2026, 12, 18),
        verification_due=date(2027, 1, 29),
    )
    agencies = _pick_agencies(rng, ["kota-73-71", "kemenag", "prov-36"], 48)
    n = len(panrb.indicators)
    plans = []
    for i, agency in enumerate(agencies):
        if agency.code == "kota-73-71":
            # mid-way: the first three aspects answered, the rest still open
            done = sum(1 for ind in panrb.indicators if ind.aspect.order <= 3)
            own = panrb.levels_for(_target(rng, 250, 330), rng)[:done] + [None] * (n - done)
            plans.append(Plan(agency, S.SELF_ASSESSMENT, own=own))
            continue
        status = _status_2026(agency.code, i)
        target = Decimal("318") if agency.code == "prov-36" else _target(rng, 180, 360)
        final = panrb.levels_for(target, rng)
        if status == S.SELF_ASSESSMENT:
            answered = rng.randint(0, n)
            plans.append(Plan(agency, status, own=final[:answered] + [None] * (n - answered)))
        elif status == S.SUBMITTED:
            plans.append(Plan(agency, status, own=final))
        else:
            own = panrb.overclaim(final, rng, rng.randint(1, 3))
            plans.append(
                Plan(agency, status, final=final, own=own, replied=status == S.REPLIED or rng.random() < 0.5)
            )
    _write(cycle, panrb, plans, when, rng)
    cycle.participants.set([p.agency for p in plans])


def seed(stdout) -> None:
    started = timezone.now()
    loaded = load_all()
    rng = random.Random(SEED)
    with transaction.atomic():
        kasn = Instrument("kasn-sistem-merit")
        seed_2022_import(kasn, rng)
        seed_2023(kasn, rng)
        seed_nkk_2023(Instrument("nkk-maturitas"), rng)
        seed_2026(Instrument("panrb-sistem-merit-2025"), rng)
    counts = Result.objects.filter(cycle__year=2023, cycle__instrument__code="kasn-sistem-merit").values_list(
        "band__name"
    )
    bands = {}
    for (name,) in counts:
        bands[name] = bands.get(name, 0) + 1
    stdout.write(
        f"  merit: {len(loaded)} instrument version(s) loaded; 2023 bands {bands}; "
        f"{Assessment.objects.filter(cycle__year=2026).count()} assessments in the open 2026 cycle "
        f"({(timezone.now() - started).total_seconds():.1f} s)"
    )
