"""Demo follow-ups, reproducing the published figures (ADR 0059).

* Pilkada 2020 (KASN): of 1,596 recommendations, 1,373 decrees reported by 2022-05-31 (86.0%) and 1,450 by
  2024-02-06 (90.8%); BKN blocked 26 records and unblocked 8 by 2020-11-26; the 146 never followed up are
  overdue now, escalated, their records blocked (open requests) and their PPKs reported — one reprimanded.
* Pemilu 2019 Bawaslu forwards (85 recommendations): all followed up (the 86th, followed up directly by the PPK
  before a recommendation, is the rejected "handled by PPK" case of the cases demo).
* Live: a handful of recommendations issued in the demo for `ppk.makassar` and `ppk.kemenag` through the real
  services under `replay_at` (real, verifiable letter PDFs): awaiting, acknowledged, a decree to verify, one
  overdue with an open blocking request and a Kemendagri reprimand.

Archival rows are written in bulk, but every state and audit code comes from the workflow tables (each step is
checked against the rule's sources and targets), so they cannot disagree with what the engine would have done.
Idempotent: each block is skipped once its follow-ups exist.
"""

import random
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from pantas.accounts.models import User
from pantas.cases import services as case_services
from pantas.cases.models import Case, Outcome, Recommendation
from pantas.cases.workflow import CaseState
from pantas.core import audit, numbering
from pantas.core.calendar import IndonesianCalendar
from pantas.core.documents import verification_code
from pantas.core.models import Document, DocumentState
from pantas.core.pdf import render_pdf
from pantas.core.workflow import replay_at
from pantas.registry.models import SanctionKind

from . import documents, services
from .models import BlockingRequest, Compliance, FollowUp, FollowUpStatusChange, PPKReport, SanctionDecree
from .services import facts
from .services.decrees import sanction_end
from .workflow import (
    BLOCKING_FLOW,
    FOLLOW_UP_FLOW,
    PPK_REPORT_FLOW,
    BlockingAction,
    BlockingState,
    FollowUpAction,
    FollowUpState,
    PPKReportAction,
    PPKReportState,
)

SEED = 20220531
A, S = FollowUpAction, FollowUpState
FIGURES = {
    "proven": 1596,
    "reported_by_2022": 1373,  # 2022-05-31
    "reported_by_2024": 1450,  # 2024-02-06
    "blocked_by_2020_11_26": 26,
    "unblocked_by_2020_11_26": 8,
}
CUT_2020 = date(2020, 11, 26)
CUT_2022 = date(2022, 5, 31)
CUT_2024 = date(2024, 2, 6)
ARCHIVE_NOTE = "Data arsip tindak lanjut KASN (direkonstruksi dari angka yang dipublikasikan)."


def _at(day: date, hour=10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class Track:
    """The planned life of one archival follow-up: (action, at) steps, plus what they produced."""

    def __init__(self, rec: Recommendation):
        self.rec = rec
        self.steps: list[tuple[str, datetime]] = []
        self.decree_on: date | None = None
        self.blocked_on: date | None = None
        self.unblocked_on: date | None = None
        self.reprimand = False


def _plan(recs, rng, calendar) -> list[Track]:
    """Pilkada 2020: who reported when, who was escalated and blocked (see the module docstring)."""
    recs = sorted(recs, key=lambda r: (r.follow_up_due or r.issued_at.date(), r.pk))
    n = len(recs)
    scale = n / FIGURES["proven"]
    by_2022 = round(FIGURES["reported_by_2022"] * scale)
    by_2024 = round(FIGURES["reported_by_2024"] * scale)
    early = [r for r in recs if r.follow_up_due and r.follow_up_due < CUT_2020 - timedelta(days=6)]
    blocked_early = early[: round(FIGURES["blocked_by_2020_11_26"] * scale)]
    blocked_ids = {r.pk for r in blocked_early}
    unblocked_early = set(r.pk for r in blocked_early[: round(FIGURES["unblocked_by_2020_11_26"] * scale)])
    rest = [r for r in recs if r not in blocked_early]
    rng.shuffle(rest)
    late = rest[: by_2024 - by_2022]
    never = rest[by_2024 - by_2022 : by_2024 - by_2022 + n - by_2024]
    on_time = set(r.pk for r in rest[by_2024 - by_2022 + n - by_2024 :])
    late_ids, never_ids = set(r.pk for r in late), set(r.pk for r in never)
    tracks = []
    for rec in recs:
        t = Track(rec)
        issued = rec.issued_at
        due = rec.follow_up_due or calendar.add_working_days(issued.date(), 10)
        t.steps.append(("open", issued))
        t.steps.append((A.ACKNOWLEDGE, issued + timedelta(days=rng.randint(1, 3))))
        if rec.pk in on_time:
            report_on = due - timedelta(days=rng.randint(0, 6))
            report_on = max(report_on, t.steps[-1][1].date() + timedelta(days=1))
        else:
            escalated = calendar.add_working_days(due, 1)
            if rec.pk not in blocked_ids:  # only the 26 were blocked by 26 Nov 2020 (BKN, Kompas 29 Nov 2020)
                escalated = max(escalated, CUT_2020 + timedelta(days=rng.randint(3, 40)))
            t.steps.append((A.ESCALATE, _at(escalated, 7)))
            t.blocked_on = (
                min(escalated + timedelta(days=rng.randint(1, 3)), CUT_2020)
                if rec.pk in {r.pk for r in blocked_early}
                else escalated + timedelta(days=rng.randint(2, 10))
            )
            if rec.pk in unblocked_early:
                report_on = t.blocked_on + timedelta(days=rng.randint(0, 2))
                report_on = min(report_on, CUT_2020 - timedelta(days=4))
            elif rec.pk in late_ids:
                report_on = CUT_2022 + timedelta(days=rng.randint(5, (CUT_2024 - CUT_2022).days - 10))
            elif rec.pk in never_ids:
                report_on = None
                t.reprimand = len([x for x in tracks if x.reprimand]) == 0
            else:  # blocked in 2020 or escalated later, then reported before 31 May 2022
                report_on = t.blocked_on + timedelta(days=rng.randint(10, 200))
                report_on = min(max(report_on, CUT_2020 + timedelta(days=2)), CUT_2022 - timedelta(days=3))
            if t.reprimand:
                t.steps.append((A.REPRIMAND, _at(t.blocked_on + timedelta(days=20))))
        if report_on is not None:
            report_on = max(report_on, t.steps[-1][1].date() + timedelta(days=1), t.blocked_on or report_on)
            t.decree_on = report_on - timedelta(days=rng.randint(0, 3))
            t.steps.append((A.REPORT, _at(report_on, 11)))
            verified = report_on + timedelta(days=rng.randint(1, 3))
            if rec.pk in unblocked_early:
                verified = min(verified, CUT_2020 - timedelta(days=2))
            t.steps.append((A.VERIFY, _at(verified, 14)))
            t.steps.append((A.CLOSE, _at(verified, 15)))
            if t.blocked_on:
                t.unblocked_on = verified + timedelta(
                    days=1 if rec.pk in unblocked_early else rng.randint(1, 5)
                )
        tracks.append(t)
    return tracks


def _simple(recs, rng, calendar) -> list[Track]:
    """Pemilu 2019: every recommendation followed up within its deadline."""
    tracks = []
    for rec in recs:
        t = Track(rec)
        due = rec.follow_up_due or calendar.add_working_days(rec.issued_at.date(), 10)
        t.steps.append(("open", rec.issued_at))
        t.steps.append((A.ACKNOWLEDGE, rec.issued_at + timedelta(days=1)))
        report_on = max(due - timedelta(days=rng.randint(0, 5)), rec.issued_at.date() + timedelta(days=2))
        t.decree_on = report_on
        t.steps += [
            (A.REPORT, _at(report_on, 11)),
            (A.VERIFY, _at(report_on + timedelta(days=2), 14)),
            (A.CLOSE, _at(report_on + timedelta(days=2), 15)),
        ]
        tracks.append(t)
    return tracks


def _documents(series: str, escalated: list, addressees: list[str]) -> list[Document]:
    """Archival documents (issued, no digital copy — ADR 0044, as the cases demo's letters) for the escalated
    follow-ups, numbered per year in order from the same counters as `documents.reserve_*`."""
    days = [timezone.localdate(f.escalated_at) for f in escalated]
    fmt, first = documents.number_format(series), {}
    for year in sorted({d.year for d in days}):
        first[year] = numbering.reserve(
            documents.kind(series), "", year, sum(1 for d in days if d.year == year)
        )
    title, subject = {
        "blocking": (documents.BLOCKING_TITLE, documents.BLOCKING_SUBJECT),
        "ppk-report": (documents.PPK_REPORT_TITLE, documents.PPK_REPORT_SUBJECT),
    }[series]
    out = []
    for f, day, addressee in zip(escalated, days, addressees, strict=True):
        at = f.escalated_at
        out.append(
            Document(
                kind=documents.kind(series),
                number=fmt(first[day.year], day),
                state=DocumentState.ISSUED,
                authority_id=f.recommendation.authority_id,
                document_date=day,
                title=title,
                addressee=addressee,
                subject=subject,
                verification_code=verification_code(),
                reserved_at=at,
                issued_at=at,
                archival=True,
            )
        )
        first[day.year] += 1
    Document.objects.bulk_create(out, batch_size=1000)
    return out


def _write(tracks: list[Track], rng, label: str, stdout) -> None:
    """Insert the planned follow-ups, their history, decrees, blocking requests and PPK reports in bulk; each
    step goes through the rule of the workflow table (state must be a source; the target is the table's)."""
    calendar = IndonesianCalendar()
    kinds = {k.pk: k for k in SanctionKind.objects.all()}
    lighter = {k.level: k for k in kinds.values() if k.code in ("ringan-teguran-tertulis", "sedang-tukin-6")}
    with transaction.atomic():
        follow_ups, entries, history, decrees, blocks, reports = [], [], [], [], [], []
        for t in tracks:
            rec, state, version = t.rec, "", 0
            f = FollowUp(
                recommendation=rec,
                case=rec.case,
                addressee_id=rec.addressee_id,
                civil_servant_id=rec.case.civil_servant_id,
                nip=rec.case.subject_nip or "",
                recommended_sanction_id=rec.sanction_id,
                due_on=rec.follow_up_due,
                deadline_code="ppk-follow-up",
                created_at=rec.issued_at,
            )
            for action, at in t.steps:
                if action == "open":
                    new = S.AWAITING
                    audit_code = "followup.followup.opened"
                else:
                    rule = FOLLOW_UP_FLOW.rule(action)
                    assert state in rule.sources, (action, state)
                    new = rule.targets[0] if rule.targets else state
                    audit_code, version = rule.audit_code, version + 1
                if new != state:
                    history.append(
                        (f, FollowUpStatusChange(from_state=state, to_state=new, action=action, at=at))
                    )
                entries.append({"action": audit_code, "obj": f, "at": at, "actor": None,
                                "data": {"state": [state, new], "demo": True}})  # fmt: skip
                state = new
                if action == A.ESCALATE:
                    f.escalated_at, f.compliance = at, Compliance.NOT_COMPLIED
                elif action == A.REPRIMAND:
                    f.reprimanded_at, f.deadline_code = at, "ppk-follow-up-after-reprimand"
                    f.due_on = calendar.add_working_days(at.date(), 5)
                elif action == A.VERIFY:
                    f.compliance = Compliance.COMPLIED
                elif action == A.CLOSE:
                    f.closed_at = at
            f.state, f.version, f.state_changed_at = state, version, t.steps[-1][1]
            f.updated_at = f.state_changed_at
            if state in (S.VERIFIED, S.CLOSED, S.REPORTED):
                f.due_on, f.deadline_code = None, ""
            f.track = t
            follow_ups.append(f)
        FollowUp.objects.bulk_create(follow_ups, batch_size=500)
        for f, change in history:
            change.follow_up = f
        FollowUpStatusChange.objects.bulk_create([c for _f, c in history], batch_size=1000)
        facts.rebuild({f.case_id for f in follow_ups})  # the statistical facts from that history (ADR 0140)
        escalated = [f for f in follow_ups if f.escalated_at]
        ministries = [services.ministry_for(f) for f in escalated]
        block_docs = _documents("blocking", escalated, [documents.BLOCKING_ADDRESSEE] * len(escalated))
        report_docs = _documents("ppk-report", escalated, [m.name for m in ministries])
        for f, block_doc, report_doc, ministry in zip(
            escalated, block_docs, report_docs, ministries, strict=True
        ):
            t = f.track
            b = BlockingRequest(
                follow_up=f, civil_servant_id=f.civil_servant_id, nip=f.nip, number=block_doc.number,
                document=block_doc, requested_at=f.escalated_at, acknowledged_at=f.escalated_at + timedelta(hours=2),
            )  # fmt: skip
            b_steps = [(BlockingAction.BLOCK, _at(t.blocked_on, 9))]
            if t.unblocked_on:
                b_steps += [(BlockingAction.REQUEST_UNBLOCK, f.closed_at - timedelta(hours=1)),
                            (BlockingAction.UNBLOCK, _at(t.unblocked_on, 9))]  # fmt: skip
            b.state = _walk(BLOCKING_FLOW, BlockingState.REQUESTED, b, b_steps, entries)
            b.blocked_on, b.siasn_reference = t.blocked_on, f"SIASN-BLK-{rng.randint(100000, 999999)}"
            if t.unblocked_on:
                b.unblock_requested_at = f.closed_at - timedelta(hours=1)
                b.unblocked_on, b.unblock_reference = (
                    t.unblocked_on,
                    f"SIASN-UNB-{rng.randint(100000, 999999)}",
                )
            b.state_changed_at = b.updated_at = b_steps[-1][1]
            blocks.append(b)
            r = PPKReport(follow_up=f, addressee=ministry, number=report_doc.number, document=report_doc,
                          sent_at=f.escalated_at)  # fmt: skip
            r_steps = []
            if t.reprimand:
                r_steps.append((PPKReportAction.REPRIMAND, f.reprimanded_at))
                r.reprimand_note = "PPK diminta segera menjatuhkan hukuman disiplin sesuai rekomendasi."
                r.reprimand_reference, r.reprimanded_at = "100.2.4/4521/OTDA (arsip)", f.reprimanded_at
            if f.closed_at:
                r_steps.append((PPKReportAction.CLOSE, f.closed_at - timedelta(hours=1)))
            r.state = _walk(PPK_REPORT_FLOW, PPKReportState.SENT, r, r_steps, entries)
            r.state_changed_at = r.updated_at = r_steps[-1][1] if r_steps else f.escalated_at
            reports.append(r)
        for f in follow_ups:
            t = f.track
            if t.decree_on:
                kind = kinds.get(f.recommended_sanction_id)
                # One in twenty PPKs imposed a lighter sanction than recommended (a documented deviation).
                if kind and kind.level == "moderate" and rng.random() < 0.05:
                    kind, f.compliance = lighter.get("light", kind), Compliance.PARTIAL
                if kind is None:
                    continue
                decrees.append(
                    SanctionDecree(
                        follow_up=f, number=f"800/{rng.randint(100, 9999)}/BKPSDM/{t.decree_on.year}",
                        decree_date=t.decree_on, imposed_sanction=kind, starts_on=t.decree_on,
                        ends_on=sanction_end(kind, t.decree_on), uploaded_at=f.closed_at or f.state_changed_at,
                    )
                )  # fmt: skip
        partial = [f.pk for f in follow_ups if f.compliance == Compliance.PARTIAL]
        FollowUp.objects.filter(pk__in=partial).update(
            compliance=Compliance.PARTIAL, deviation_reason="Arsip: PPK menjatuhkan sanksi lebih ringan."
        )
        SanctionDecree.objects.bulk_create(decrees, batch_size=1000)
        BlockingRequest.objects.bulk_create(blocks, batch_size=1000)
        PPKReport.objects.bulk_create(reports, batch_size=1000)
        for entry in entries:  # objects now have primary keys
            entry["object_type"] = entry["obj"]._meta.label_lower
            entry["object_id"] = entry["obj"].pk
        audit.record_many(entries)
    states = {}
    for f in follow_ups:
        states[f.state] = states.get(f.state, 0) + 1
    stdout.write(
        f"  {label}: {len(follow_ups)} follow-ups " + ", ".join(f"{k} {v}" for k, v in sorted(states.items()))
    )


def _walk(flow, state, obj, steps, entries) -> str:
    version = 0
    for action, at in steps:
        rule = flow.rule(action)
        assert state in rule.sources, (flow.name, action, state)
        new = rule.targets[0] if rule.targets else state
        version += 1
        entries.append({"action": rule.audit_code, "obj": obj, "at": at, "actor": None,
                        "data": {"state": [state, new], "demo": True}})  # fmt: skip
        state = new
    obj.version = version
    return state


def _archive(election: str, planner, rng, label, stdout) -> None:
    recs = list(
        Recommendation.objects.filter(case__election__code=election, follow_up__isnull=True).select_related(
            "case__agency"
        )
    )
    if not recs:
        stdout.write(f"  {label}: already present (or no recommendations)")
        return
    _write(planner(recs, rng, IndonesianCalendar()), rng, label, stdout)


def _decree_pdf(number: str) -> SimpleUploadedFile:
    html = f"<h1>Keputusan PPK</h1><p>Nomor {number}</p><p>Dokumen demo (fiktif).</p>"
    return SimpleUploadedFile("sk.pdf", render_pdf(html), content_type="application/pdf")


def _live(stdout) -> None:
    """Recommendations issued in the demo for the demo PPK users, through the services (real letter PDFs)."""
    users = {u.username: u for u in User.objects.filter(username__in=["analis", "komisioner", "ppk.makassar",
                                                                      "ppk.kemenag", "kemendagri", "bkn"])}  # fmt: skip
    if len(users) < 6:
        stdout.write("  live follow-ups: demo users missing")
        return
    plans = {
        "ppk-kota-73-71": ["overdue", "reported", "awaiting"],
        "ppk-kemenag": ["acknowledged", "awaiting"],
    }
    # The election cases issued live for the demo PPK offices (the ethics/merit demo issues its own, election-less).
    live = FollowUp.objects.filter(
        addressee__code__in=plans,
        case__election__isnull=False,
        recommendation__letter__document__archival=False,
    )
    if live.exists():
        stdout.write("  live follow-ups: already present")
        return
    analyst, decider = users["analis"], users["komisioner"]
    calendar = IndonesianCalendar()
    today = timezone.localdate()
    made = []
    for org_code, scenarios in plans.items():
        cases = list(
            Case.objects.filter(state=CaseState.CLARIFICATION, addressee__code=org_code).order_by("number")[
                : len(scenarios)
            ]
        )
        for case, scenario in zip(cases, scenarios, strict=False):
            back = {"overdue": 16, "reported": 8, "awaiting": 2, "acknowledged": 7}[scenario]
            issued = _at(today - timedelta(days=back * 7 // 5 + 1))
            with replay_at(issued - timedelta(hours=2)):
                case = case_services.decide(case, analyst, outcome=Outcome.PROVEN, findings="Unggahan dukungan "
                                            "terbukti dari akun terlapor (demo).")  # fmt: skip
            with replay_at(issued):
                case = case_services.issue_recommendation(case, decider)
                follow_up = services.open_follow_up(Recommendation.objects.get(case=case))
            ppk = users["ppk.makassar" if org_code == "ppk-kota-73-71" else "ppk.kemenag"]
            if scenario in ("acknowledged", "reported", "overdue"):
                with replay_at(issued + timedelta(days=1)):
                    follow_up = services.acknowledge(follow_up, ppk)
            if scenario == "reported":
                with replay_at(issued + timedelta(days=5)):
                    number = f"800/{case.number[-4:]}/BKPSDM/{today.year}"
                    kind = follow_up.recommended_sanction
                    services.report(follow_up, ppk, number=number, decree_date=issued.date() + timedelta(days=4),
                                    imposed_sanction=kind, starts_on=issued.date() + timedelta(days=4), upload=_decree_pdf(number))  # fmt: skip
            if scenario == "overdue" and follow_up.due_on and follow_up.due_on < today:
                with replay_at(_at(calendar.add_working_days(follow_up.due_on, 1), 7)):
                    services.escalate(FollowUp.objects.get(pk=follow_up.pk), None)
                report = PPKReport.objects.filter(follow_up=follow_up).first()
                if report is not None and report.addressee.code == "kemendagri":
                    with replay_at(timezone.now() - timedelta(hours=3)):
                        services.reprimand(report, users["kemendagri"], note="Segera tindak lanjuti rekomendasi.",
                                           reference="100.2.4/DEMO/OTDA")  # fmt: skip
            made.append(scenario)
    stdout.write(
        f"  live follow-ups: {', '.join(made) or 'none (no cases in clarification for the demo PPKs)'}"
    )


def seed(stdout) -> None:
    rng = random.Random(SEED)
    _archive("pilkada-2020", _plan, rng, "Pilkada 2020 follow-ups (KASN archive)", stdout)
    _archive("pemilu-2019", _simple, rng, "Pemilu 2019 follow-ups (KASN archive)", stdout)
    _live(stdout)
    # Anything else recommended (e.g. by hand in a demo database) gets its follow-up the ordinary way.
    services.open_follow_ups()


__all__ = ["FIGURES", "seed"]
