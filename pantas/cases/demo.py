"""Demo cases for the intake demo reports, reproducing the published figures (ADR 0026).

* Pilkada 2020 (KASN): 2,034 reported ASN → 1,596 proven and recommended (78.5%) with the sanction mix
  130 moral tertutup, 533 moral terbuka, 32 ringan, 884 sedang, 17 berat; 311 not proven; 127 rejected.
* Pemilu 2019 Bawaslu forwards (128): 85 recommended, 42 in process, 1 followed up directly by the PPK.
* Pemilu 2019 PATTIRO reports (67): 52 in process, 10 not proven, 5 rejected.

Historical rows are written in bulk (cases, history, decisions, archival letters, recommendations) with their
audit events through `record_many`; every state, deadline, closed_at and reporter-facing status is derived from
the workflow tables (`Workflow.replay_path` / `replay_bulk`, ADR 0039), not re-encoded here; the PDFs of archival letters are not in the system (`archival=True`).
Idempotent (each block is skipped once its cases exist) and deterministic (fixed seed).
"""

import random
from collections import Counter as Tally
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from pantas.accounts.models import User
from pantas.core import audit
from pantas.core.calendar import IndonesianCalendar
from pantas.core.documents import verification_code
from pantas.core.models import Document, DocumentState
from pantas.intake.models import ReportedPerson, ReportSource
from pantas.intake.workflow import REPORT_FLOW, ReportAction
from pantas.registry.models import Agency, Authority, Election, SanctionKind, SanctionLevel

from .models import (
    Case,
    CaseReport,
    CaseStatusChange,
    ClarificationRequest,
    Decision,
    LetterState,
    Outcome,
    Recommendation,
    RecommendationLetter,
    RejectionReason,
    Team,
)
from .services.core import derived_public_status
from .services.deadlines import due_date, stage_days
from .services.letters import LETTER_PUBLIC_SUBJECT, LETTER_TITLE
from .services.numbering import (
    LETTER_SERIES,
    case_number,
    letter_number,
    reserve_case_numbers,
    reserve_letter_numbers,
)
from .services.opening import subject_fields
from .services.routing import RouteCache
from .services.transitions import default_sanction
from .workflow import FLOW, Action, CaseState

SEED = 20201209
S = CaseState
PILKADA_2020 = {S.RECOMMENDED: 1596, S.NOT_PROVEN: 311, S.REJECTED: 127}
# Recommended sanctions among the 1,596 proven (KASN, May 2022): (bucket, count).
SANCTION_MIX_2020 = [
    ("heavy", 17),
    ("light", 32),
    ("moral-tertutup", 130),
    ("moral-terbuka", 533),
    ("moderate", 884),
]
PEMILU_2019_BAWASLU = {S.RECOMMENDED: 85, "in_process": 42, "handled_by_ppk": 1}
PEMILU_2019_CSO = {"in_process": 52, S.NOT_PROVEN: 10, S.REJECTED: 5}
IN_PROCESS_SPREAD = [S.RECEIVED, S.VERIFICATION, S.INVESTIGATION, S.INVESTIGATION, S.CLARIFICATION, S.PROVEN]
HISTORICAL_NOTE = (
    "Rekomendasi historis KASN (data agregat yang dipublikasikan); saat itu berlaku SKB 2020 dan PP 53/2010, "
    "sebelum katalog SKB 2022."
)
PATHS = {
    S.RECEIVED: [],
    S.VERIFICATION: [Action.VERIFY],
    S.REJECTED: [Action.VERIFY, Action.REJECT],
    S.INVESTIGATION: [Action.VERIFY, Action.START_INVESTIGATION],
    S.CLARIFICATION: [Action.VERIFY, Action.START_INVESTIGATION, Action.REQUEST_CLARIFICATION],
    S.PROVEN: [Action.VERIFY, Action.START_INVESTIGATION, Action.REQUEST_CLARIFICATION, Action.DECIDE],
    S.NOT_PROVEN: [Action.VERIFY, Action.START_INVESTIGATION, Action.REQUEST_CLARIFICATION, Action.DECIDE],
    S.RECOMMENDED: [
        Action.VERIFY,
        Action.START_INVESTIGATION,
        Action.REQUEST_CLARIFICATION,
        Action.DECIDE,
        Action.ISSUE_RECOMMENDATION,
    ],
}
TARGET = {
    Action.RECONSIDER: S.INVESTIGATION,
    Action.VERIFY: S.VERIFICATION,
    Action.REJECT: S.REJECTED,
    Action.START_INVESTIGATION: S.INVESTIGATION,
    Action.REQUEST_CLARIFICATION: S.CLARIFICATION,
    Action.ISSUE_RECOMMENDATION: S.RECOMMENDED,
}


# The Pemilu 2019 figures count cases "in process" at KASN's press conference of 16 April 2019. Those cases were
# concluded afterwards (not proven, or rejected), so the demo worklist has no cases overdue since 2019; only a
# few stay open, in clarification with the demo PPK offices, for the live follow-up demo to take up.
PUBLISHED_2019 = datetime(2019, 4, 16, 10, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))
CLOSURE = {
    S.RECEIVED: [Action.REJECT],
    S.VERIFICATION: [Action.REJECT],
    S.INVESTIGATION: [Action.DECIDE],
    S.CLARIFICATION: [Action.DECIDE],
    S.PROVEN: [Action.RECONSIDER, Action.DECIDE],  # sent back by the decider, then not proven
}
CLOSURE_NOTE = "Diselesaikan setelah rilis 16 April 2019 (data demo)."
KEEP_OPEN_2019 = {"kota-73-71": 3, "kemenag": 2}  # what the live follow-up demo takes up


class Plan:
    """One demo case: its person, final state, the steps that led there and what they produced. A case in
    process at publication (`stage`) that was `closed` later ends not proven or rejected after that date."""

    def __init__(self, person: ReportedPerson, final: str, *, assignee=None, rejection=""):
        self.person, self.report, self.final = person, person.report, final
        self.assignee, self.rejection = assignee, rejection
        self.sanction: SanctionKind | None = None
        self.steps: list[tuple[str, str, datetime]] = []  # (action, to_state, at)
        self.stage = final
        self.closed = False

    def close_after_publication(self) -> None:
        self.closed = True
        if CLOSURE[self.stage][-1] == Action.REJECT:
            self.final, self.rejection = S.REJECTED, RejectionReason.INCOMPLETE
        else:
            self.final = S.NOT_PROVEN


def _sanction_kinds() -> dict:
    """bucket → employee type → the kinds used in turn (PPPK get their own variants of sedang/berat)."""
    k = {kind.code: kind for kind in SanctionKind.objects.all()}
    light = [k["ringan-teguran-lisan"], k["ringan-teguran-tertulis"], k["ringan-pernyataan-tidak-puas"]]
    moderate = [k["sedang-tukin-6"]] * 12 + [k["sedang-tukin-9"]] * 5 + [k["sedang-tukin-12"]] * 3
    heavy = [k["berat-penurunan-jabatan"]] * 3 + [k["berat-pembebasan-jabatan"]] * 2
    heavy += [k["berat-pemberhentian-dengan-hormat"]]
    return {
        "moral-tertutup": {"pns": [k["moral-tertutup"]], "pppk": [k["moral-tertutup"]]},
        "moral-terbuka": {"pns": [k["moral-terbuka"]], "pppk": [k["moral-terbuka"]]},
        "light": {"pns": light, "pppk": light},
        "moderate": {"pns": moderate, "pppk": [k["pppk-sedang-tukin"]]},
        "heavy": {"pns": heavy, "pppk": [k["pppk-pemutusan-dengan-hormat"]]},
    }


BUCKET_LEVEL = {
    "heavy": SanctionLevel.HEAVY,
    "light": SanctionLevel.LIGHT,
    "moderate": SanctionLevel.MODERATE,
    "moral-tertutup": SanctionLevel.MORAL,
    "moral-terbuka": SanctionLevel.MORAL,
}


def _allocate_sanctions(plans: list[Plan], mix, rng) -> None:
    """Give each proven case a sanction so the buckets add up exactly, preferring cases whose catalogue
    category already defaults to that level."""
    kinds = _sanction_kinds()
    pending = list(plans)
    for bucket, count in mix:
        level = BUCKET_LEVEL[bucket]
        pending.sort(key=lambda p: (p.report.category.default_level != level, p.report.number))
        chosen, pending = pending[:count], pending[count:]
        for index, plan in enumerate(chosen):
            options = kinds[bucket][plan.person.employee_type]
            plan.sanction = options[index % len(options)]
    assert not pending, "the sanction mix must cover every proven case"


def _steps(plan: Plan, rng) -> None:
    at = plan.report.received_at + timedelta(hours=rng.randint(2, 30))
    for action in PATHS[plan.stage]:
        if action == Action.DECIDE:
            to = S.NOT_PROVEN if plan.stage == S.NOT_PROVEN else S.PROVEN
        else:
            to = TARGET[action]
        plan.steps.append((action, to, at))
        at += timedelta(days=rng.randint(2, 9), hours=rng.randint(0, 8))
    if plan.closed:
        at = max(at, PUBLISHED_2019) + timedelta(days=rng.randint(20, 150), hours=rng.randint(0, 8))
        for action in CLOSURE[plan.stage]:
            to = S.NOT_PROVEN if action == Action.DECIDE else TARGET[action]
            plan.steps.append((action, to, at))
            at += timedelta(days=rng.randint(2, 9))


def _write(plans: list[Plan], rng, label: str, stdout) -> None:
    """Insert the planned cases and everything they produced, in bulk, with their audit events."""
    calendar = IndonesianCalendar()
    authorities = {a.code: a for a in Authority.objects.all()}
    route = RouteCache()
    follow_up_days = stage_days("ppk-follow-up") or 10
    for plan in plans:
        _steps(plan, rng)
    with transaction.atomic():
        # Numbers: per year of receipt for cases, per authority and year of issue for letters.
        by_year = Tally(timezone.localtime(p.report.received_at).year for p in plans)
        next_case = {year: reserve_case_numbers(year, n) for year, n in sorted(by_year.items())}
        cases = []
        for plan in sorted(plans, key=lambda p: (p.report.received_at, p.person.pk)):
            report, person = plan.report, plan.person
            day = timezone.localdate(report.received_at)
            authority = _authority_for(authorities, day)
            fields = subject_fields(person)
            routed = route(fields["agency"], report.election)
            year = day.year
            number = case_number(year, next_case[year])
            next_case[year] += 1
            disclosed = next(
                (at for action, _s, at in plan.steps if action == Action.REQUEST_CLARIFICATION), None
            )
            decided = next((at for action, _s, at in reversed(plan.steps) if action == Action.DECIDE), None)
            # Opened as `open_cases_for_report` opens a case; every later field the steps set (state, version,
            # due date, closed_at, ...) comes from the workflow table through `replay_path`.
            case = Case(
                number=number,
                state=S.RECEIVED,
                version=0,
                state_changed_at=report.received_at,
                track=report.track,
                category=report.category,
                election=report.election,
                election_stage=report.election_stage,
                authority=authority,
                received_at=report.received_at,
                report_mode=report.mode or "",
                report_source=report.source or "",
                province_id=person.province_id or report.province_id,
                regency_id=person.regency_id or report.regency_id,
                assignee=plan.assignee,
                due_on=due_date("verification", report.received_at),
                deadline_code="verification",
                rejection_reason=plan.rejection,
                addressee=routed.addressee,
                conflict_of_interest=routed.conflict_of_interest,
                routing_note=routed.note,
                disclosed_at=disclosed,
                decided_at=decided,
                created_at=report.received_at,
                **fields,
            )
            case.plan = plan
            case.trail = FLOW.replay_path(
                case,
                [(action, to, at, _reason(plan, action, at)) for action, to, at in plan.steps],
            )
            assert case.state == plan.final
            cases.append(case)
        Case.objects.bulk_create(cases, batch_size=500)
        links, history, entries, clarifications = [], [], [], []
        for case in cases:
            plan = case.plan
            links.append(
                CaseReport(
                    case=case, report=plan.report, reported_person=plan.person, added_at=case.received_at
                )
            )
            history.append(
                CaseStatusChange(case=case, to_state=S.RECEIVED, action="open", at=case.received_at)
            )
            entries.append(
                {
                    "action": "cases.case.opened",
                    "obj": case,
                    "at": case.received_at,
                    "actor": None,
                    "data": {"report": plan.report.number, "authority": case.authority.code, "demo": True},
                }
            )
            for action, _to, at in plan.steps:
                if action == Action.REQUEST_CLARIFICATION:
                    clarifications.append(
                        ClarificationRequest(
                            case=case,
                            addressee=case.addressee,
                            question="Mohon klarifikasi terlapor dan PPK atas dugaan pelanggaran.",
                            requested_at=at,
                            due_on=due_date("clarification", at),
                        )
                    )
        CaseReport.objects.bulk_create(links, batch_size=1000)
        CaseStatusChange.objects.bulk_create(history, batch_size=1000)
        entries += FLOW.replay_bulk((case, case.trail) for case in cases)
        ClarificationRequest.objects.bulk_create(clarifications, batch_size=1000)
        _decisions_and_letters(cases, rng, calendar, follow_up_days, entries)
        entries += _sync_reports(cases)
        audit.record_many(entries)
    finals = Tally(case.state for case in cases)
    stdout.write(f"  {label}: {len(cases)} cases " + ", ".join(f"{k} {v}" for k, v in sorted(finals.items())))


def _reason(plan: Plan, action: str, at) -> str:
    if plan.closed and at > PUBLISHED_2019 and action in CLOSURE[plan.stage]:
        return CLOSURE_NOTE
    return str(RejectionReason(plan.rejection).label) if action == Action.REJECT else ""


def _authority_for(authorities: dict, day):
    for authority in sorted(authorities.values(), key=lambda a: a.valid_from, reverse=True):
        if authority.valid_from <= day and (authority.valid_to is None or authority.valid_to >= day):
            return authority
    raise LookupError(f"no supervising authority on {day}")


def _decisions_and_letters(cases, rng, calendar, follow_up_days, entries) -> None:
    decisions, letters = [], []
    for case in cases:
        plan = case.plan
        decide = next(((a, to, at) for a, to, at in reversed(plan.steps) if a == Action.DECIDE), None)
        if decide is None:
            continue
        proven = decide[1] == S.PROVEN
        category = plan.report.category
        proposed = default_sanction(category, plan.person.employee_type) if proven else None
        decisions.append(
            Decision(
                case=case,
                outcome=Outcome.PROVEN if proven else Outcome.NOT_PROVEN,
                category=category,
                proposed_sanction=proposed,
                sanction=plan.sanction if proven else None,
                override_reason=HISTORICAL_NOTE if proven and plan.sanction != proposed else "",
                findings="Hasil pemeriksaan arsip: "
                + ("terbukti melanggar." if proven else "tidak cukup bukti."),
                catalogue_version=category.catalogue,
                decided_at=decide[2],
            )
        )
        if proven:
            letters.append(
                RecommendationLetter(
                    case=case,
                    authority=case.authority,
                    addressee=case.addressee,
                    subject=f"Rekomendasi atas pelanggaran netralitas ASN a.n. {case.subject_name}",
                    body=f"{HISTORICAL_NOTE} Isi surat asli tersimpan di arsip {case.authority.short_name}.",
                    drafted_at=decide[2],
                )
            )
    Decision.objects.bulk_create(decisions, batch_size=1000)
    # Letters of recommended cases are approved archival records, numbered per authority and year of issue.
    issued = sorted(
        (letter for letter in letters if letter.case.state == S.RECOMMENDED),
        key=lambda letter: letter.case.plan.steps[-1][2],
    )
    per_key = Tally(
        (letter.authority.code, timezone.localdate(letter.case.plan.steps[-1][2]).year) for letter in issued
    )
    first = {key: reserve_letter_numbers(key[0], key[1], n) for key, n in sorted(per_key.items())}
    documents = []
    for letter in issued:
        at = letter.case.plan.steps[-1][2]
        day = timezone.localdate(at)
        key = (letter.authority.code, day.year)
        letter.number = letter_number(letter.authority.letter_prefix, day.year, day.month, first[key])
        first[key] += 1
        letter.state, letter.letter_date, letter.approved_at = LetterState.APPROVED, day, at
        # Archival: issued without a digital copy (ADR 0044).
        documents.append(
            Document(
                kind=LETTER_SERIES,
                number=letter.number,
                state=DocumentState.ISSUED,
                authority=letter.authority,
                document_date=day,
                title=LETTER_TITLE,
                addressee=letter.addressee.name if letter.addressee else "",
                subject=LETTER_PUBLIC_SUBJECT,
                verification_code=verification_code(),
                reserved_at=at,
                issued_at=at,
                archival=True,
            )
        )
    Document.objects.bulk_create(documents, batch_size=1000)
    for letter, document in zip(issued, documents, strict=True):
        letter.document = document
    RecommendationLetter.objects.bulk_create(letters, batch_size=1000)
    recommendations = []
    for letter in issued:
        case = letter.case
        at = case.plan.steps[-1][2]
        recommendations.append(
            Recommendation(
                case=case,
                letter=letter,
                authority=letter.authority,
                addressee=case.addressee,
                sanction=case.plan.sanction,
                issued_at=at,
                follow_up_due=calendar.add_working_days(timezone.localdate(at), follow_up_days),
            )
        )
    Recommendation.objects.bulk_create(recommendations, batch_size=1000)


def _sync_reports(cases) -> list[dict]:
    """The reporter-facing status of each demo report, replayed through the intake table as `set_public_status`
    would have moved it when the case reached its state (bulk); returns the audit entries."""
    trails = []
    for case in cases:
        report = case.plan.report
        status = derived_public_status([case.state])
        if status != report.status:
            step = (ReportAction.SET_STATUS, status, case.state_changed_at, "")
            trails.append((report, REPORT_FLOW.replay_path(report, [step])))
    return REPORT_FLOW.replay_bulk(trails, save=True)


def _reports(election_code: str, source: str | None = None):
    persons = (
        ReportedPerson.objects.filter(report__election__code=election_code, case_link__isnull=True)
        .select_related("report__category__default_sanction", "report__election", "civil_servant", "agency")
        .order_by("report__received_at", "report_id", "id")
    )
    return list(persons.filter(report__source=source) if source else persons)


def _declarations(rng) -> int:
    """Three incumbent heads of region standing in Pilkada 2020 (fictitious demo data): conflict routing."""
    from .models import CandidacyDeclaration

    election = Election.objects.get(code="pilkada-2020")
    busiest = (
        ReportedPerson.objects.filter(report__election=election, agency__kind__in=["regency", "city"])
        .values("agency")
        .annotate(n=Count("id"))
        .order_by("-n", "agency")[:3]
    )
    created = 0
    for row in busiest:
        agency = Agency.objects.get(pk=row["agency"])
        _obj, new = CandidacyDeclaration.objects.get_or_create(
            agency=agency,
            election=election,
            defaults={
                "candidate_name": f"{agency.ppk_title} (petahana, data demo)",
                "source": "Data demo (fiktif): keputusan KPU setempat tentang penetapan pasangan calon, 23 Sep 2020",
            },
        )
        created += new
    return created


def _team() -> Team:
    team, _created = Team.objects.get_or_create(
        code="pokja-1", defaults={"name": "Pokja Pengaduan dan Investigasi I"}
    )
    lead = User.objects.filter(username="komisioner").first()
    analyst = User.objects.filter(username="analis").first()
    if lead and team.lead_id is None:
        Team.objects.filter(pk=team.pk).update(lead=lead)
    if analyst:
        team.members.add(analyst)
    return team


def _in_process(persons, count, rng, analyst, prefer=()) -> list[Plan]:
    """Open cases spread over the working states; cases of `prefer` agencies reach clarification first, so the
    demo PPK offices have questions waiting in their inbox."""
    persons = sorted(persons, key=lambda p: (getattr(p.agency, "code", "") not in prefer, p.report.number))
    plans = []
    for index, person in enumerate(persons[:count]):
        final = (
            S.CLARIFICATION
            if getattr(person.agency, "code", "") in prefer
            else IN_PROCESS_SPREAD[index % len(IN_PROCESS_SPREAD)]
        )
        plans.append(Plan(person, final, assignee=analyst if final != S.RECEIVED else None))
    keep = dict(KEEP_OPEN_2019)
    for plan in plans:
        code = getattr(plan.person.agency, "code", "")
        if plan.stage == S.CLARIFICATION and keep.get(code, 0) > 0:
            keep[code] -= 1
        else:
            plan.close_after_publication()
    return plans


def _pilkada_2020(rng, stdout) -> None:
    persons = _reports("pilkada-2020")
    if not persons:
        stdout.write("  Pilkada 2020 cases: already present (or no reports)")
        return
    rng.shuffle(persons)
    counts = dict(PILKADA_2020)
    if len(persons) != sum(counts.values()):  # the intake demo changed size: keep the shares
        total = sum(counts.values())
        counts = {state: round(len(persons) * n / total) for state, n in counts.items()}
        counts[S.REJECTED] = len(persons) - counts[S.RECOMMENDED] - counts[S.NOT_PROVEN]
    plans, start = [], 0
    for state, n in counts.items():
        reasons = [
            RejectionReason.INCOMPLETE,
            RejectionReason.NOT_A_VIOLATION,
            RejectionReason.NOT_OUR_AUTHORITY,
        ]
        for offset, person in enumerate(persons[start : start + n]):
            plans.append(Plan(person, state, rejection=reasons[offset % 3] if state == S.REJECTED else ""))
        start += n
    proven = [p for p in plans if p.final == S.RECOMMENDED]
    mix = SANCTION_MIX_2020
    if len(proven) != sum(n for _b, n in mix):
        mix = [(b, round(len(proven) * n / 1596)) for b, n in mix]
        mix[-1] = (mix[-1][0], len(proven) - sum(n for _b, n in mix[:-1]))
    _allocate_sanctions(proven, mix, rng)
    _write(plans, rng, "Pilkada 2020 cases (KASN)", stdout)


def _pemilu_2019(rng, stdout) -> None:
    analyst = User.objects.filter(username="analis").first()
    bawaslu = _reports("pemilu-2019", ReportSource.BAWASLU)
    if bawaslu:
        rng.shuffle(bawaslu)
        makassar_first = sorted(bawaslu, key=lambda p: (getattr(p.agency, "code", "") != "kota-73-71", 0))
        recommended = makassar_first[: PEMILU_2019_BAWASLU[S.RECOMMENDED]]
        rest = makassar_first[len(recommended) :]
        plans = [Plan(p, S.RECOMMENDED) for p in recommended]
        plans.append(Plan(rest[0], S.REJECTED, rejection=RejectionReason.HANDLED_BY_PPK))
        plans += _in_process(rest[1:], PEMILU_2019_BAWASLU["in_process"], rng, analyst)
        for plan in plans:
            if plan.final == S.RECOMMENDED:
                plan.sanction = default_sanction(plan.report.category, plan.person.employee_type)
        _write(plans, rng, "Pemilu 2019 cases, Bawaslu forwards (KASN)", stdout)
    else:
        stdout.write("  Pemilu 2019 Bawaslu cases: already present (or no reports)")
    cso = _reports("pemilu-2019", ReportSource.CSO)
    if cso:
        rng.shuffle(cso)
        plans = _in_process(
            cso, PEMILU_2019_CSO["in_process"], rng, analyst, prefer={"kota-73-71", "kemenag"}
        )
        rest = [p for p in cso if p not in {plan.person for plan in plans}]
        plans += [Plan(p, S.NOT_PROVEN) for p in rest[: PEMILU_2019_CSO[S.NOT_PROVEN]]]
        plans += [
            Plan(p, S.REJECTED, rejection=RejectionReason.INCOMPLETE)
            for p in rest[PEMILU_2019_CSO[S.NOT_PROVEN] :]
        ]
        _write(plans, rng, "Pemilu 2019 cases, PATTIRO reports (KASN)", stdout)
    else:
        stdout.write("  Pemilu 2019 PATTIRO cases: already present (or no reports)")


def seed(stdout) -> None:
    rng = random.Random(SEED)
    team = _team()
    declared = _declarations(rng)
    if declared:
        stdout.write(f"  candidacy declarations (conflict of interest): {declared}")
    _pilkada_2020(rng, stdout)
    _pemilu_2019(rng, stdout)
    Case.objects.filter(assignee__username="analis", team__isnull=True).update(team=team)
    from .demo_tracks import seed as seed_tracks  # ethics and merit-system cases (issue 15)

    seed_tracks(stdout)
