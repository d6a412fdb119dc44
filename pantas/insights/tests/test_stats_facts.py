"""ADR 0140: the statistics read from the facts kept by the workflow hooks equal the old computation from the status
histories (correlated subqueries, kept here only as the reference) for every date, through states that go back
(reconsider, a returned report), a merge, an overdue follow-up and a blocked record; and `rebuild` (the
migration's backfill, the scale generator) derives exactly the facts the hooks wrote."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth

from pantas.cases import factstore
from pantas.cases import services as case_services
from pantas.cases.facts import COLUMN, end_of
from pantas.cases.models import Case, CaseFactRun, CaseReport, CaseStatusChange, Outcome
from pantas.cases.tests.factories import investigation_case, proven_case, received_case, recommended_case
from pantas.cases.workflow import CaseState
from pantas.followup import services as fu_services
from pantas.followup.models import BlockingRequest, FollowUp, FollowUpStatusChange
from pantas.followup.services import facts as fu_facts
from pantas.followup.tests.factories import pdf_upload

from ..stats import COUNTS, Query

pytestmark = pytest.mark.django_db


def at(day: str, hour: int = 10):
    return time_machine.travel(f"{day} {hour:02d}:00 +0700", tick=False)


# --- the computation before ADR 0140, from the histories (the reference) ---------------------------------------


def _old_first_report(field):
    links = CaseReport.objects.filter(case=OuterRef("pk")).order_by("added_at", "id")
    return Subquery(links.values(f"report__{field}")[:1])


OLD_DIMENSIONS = {
    "agency": F("agency__code"),
    "mode": _old_first_report("mode"),
    "source": _old_first_report("source"),
    "month": TruncMonth("received_at"),
}


def _old_state_at(as_of):
    if as_of is None:
        return F("state")
    last = CaseStatusChange.objects.filter(case=OuterRef("pk"), at__lt=end_of(as_of)).order_by("-at", "-id")
    return Subquery(last.values("to_state")[:1])


def _old_reached(state, as_of):
    history = CaseStatusChange.objects.filter(case=OuterRef("pk"), to_state=state)
    if as_of is not None:
        history = history.filter(at__lt=end_of(as_of))
    return Exists(history)


def _old_fu_state(as_of):
    if as_of is None:
        return Subquery(FollowUp.objects.filter(case=OuterRef("pk")).values("state")[:1])
    last = FollowUpStatusChange.objects.filter(follow_up__case=OuterRef("pk"), at__lt=end_of(as_of))
    return Subquery(last.order_by("-at", "-id").values("to_state")[:1])


def _old_overdue(as_of, today):
    day = as_of or today
    opened = FollowUp.objects.filter(case=OuterRef("pk"), recommendation__follow_up_due__lt=day)
    if as_of is not None:
        opened = opened.filter(created_at__lt=end_of(as_of))
    return Exists(opened)


def _old_blocked(as_of, today):
    day = as_of or today
    blocks = BlockingRequest.objects.filter(follow_up__case=OuterRef("pk"), blocked_on__lte=day).filter(
        Q(unblocked_on__isnull=True) | Q(unblocked_on__gt=day)
    )
    return Exists(blocks)


def old_rows(as_of, group_by, today):
    rows = Case.objects.all()
    if as_of is not None:
        rows = rows.filter(received_at__lt=end_of(as_of))
    rows = rows.alias(**{COLUMN[name]: OLD_DIMENSIONS[name] for name in group_by})
    rows = (
        rows.alias(state_then=Coalesce(_old_state_at(as_of), Value(CaseState.RECEIVED)))
        .exclude(state_then=CaseState.MERGED)
        .alias(was_verified=_old_reached(CaseState.INVESTIGATION, as_of))
        .alias(
            fu_state=_old_fu_state(as_of),
            fu_overdue=_old_overdue(as_of, today),
            fu_blocked=_old_blocked(as_of, today),
        )
    )
    sanctioned = Q(fu_state__in=fu_facts.SANCTIONED_STATES)
    recommended = Q(state_then=CaseState.RECOMMENDED)
    aggregates = {
        "reported": Count("pk"),
        "verified": Count("pk", filter=Q(was_verified=True)),
        "proven": Count("pk", filter=Q(state_then__in=(CaseState.PROVEN, CaseState.RECOMMENDED))),
        "recommended": Count("pk", filter=recommended),
        "followed_up": Count("pk", filter=recommended & sanctioned),
        "overdue": Count("pk", filter=recommended & ~sanctioned & Q(fu_overdue=True)),
        "blocked": Count("pk", filter=Q(fu_blocked=True)),
    }
    if not group_by:
        return [rows.aggregate(**aggregates)]
    cols = {f"g_{name}": F(COLUMN[name]) for name in group_by}
    return [
        {**{name: _code(r[f"g_{name}"]) for name in group_by}, **{m: r[m] for m in COUNTS}}
        for r in rows.annotate(**cols).values(*cols).annotate(**aggregates).order_by(*cols)
    ]


def _code(value):
    return value.strftime("%Y-%m") if hasattr(value, "strftime") else value


def new_rows(as_of, group_by):
    query = Query(group_by=group_by, as_of=as_of, medians=False)
    rows = query.rows() if group_by else [query.total()]
    return [{k: r[k] for k in (*group_by, *COUNTS)} for r in rows]


# --- the story ---------------------------------------------------------------------------------------------------


def build(personas):
    """Cases and follow-ups moving through March–April 2025, back and forth."""
    analyst, decider = personas["analis"], personas["komisioner"]
    ppk, bkn = personas["ppk.makassar"], personas["bkn"]
    with at("2025-03-03"):
        target = received_case(analyst)
        duplicate = received_case(analyst, nip="199001012019031002")
        investigation_case(analyst, nip="199001012019031003")
        again = proven_case(analyst, nip="199001012019031004")
        first = recommended_case(analyst, decider, nip="199001012019031005")
        fu_services.open_follow_ups()
    with at("2025-03-04"):
        case_services.merge(duplicate, analyst, target=target, reason="Laporan yang sama.")
    with at("2025-03-05"):
        case_services.reconsider(again, decider, reason="Bukti perlu dilengkapi.")
    with at("2025-03-07"):
        again.refresh_from_db()
        case_services.decide(again, analyst, outcome=Outcome.PROVEN, findings="Terbukti setelah dilengkapi.")
    with at("2025-03-10"):
        again.refresh_from_db()
        case_services.issue_recommendation(again, decider)
        fu_services.open_follow_ups()
    decree = {"decree_date": date(2025, 3, 12), "starts_on": date(2025, 3, 12)}
    follow_up = FollowUp.objects.get(case=first)
    with at("2025-03-12"):
        fu_services.report(
            follow_up, ppk, number="800/1/2025", imposed_sanction=follow_up.recommended_sanction,
            upload=pdf_upload(), **decree,
        )  # fmt: skip
    with at("2025-03-14"):
        follow_up.refresh_from_db()
        fu_services.return_report(follow_up, analyst, reason="SK belum ditandatangani.")
    with at("2025-03-18"):
        follow_up.refresh_from_db()
        fu_services.report(
            follow_up, ppk, number="800/2/2025", imposed_sanction=follow_up.recommended_sanction,
            upload=pdf_upload(), **decree,
        )  # fmt: skip
    with at("2025-03-20"):
        follow_up.refresh_from_db()
        fu_services.verify(follow_up, analyst)
    late = FollowUp.objects.get(case=again)
    with at("2025-04-07"):
        fu_services.escalate(late, None)
    blocking = BlockingRequest.objects.get(follow_up=late)
    with at("2025-04-08"):
        fu_services.acknowledge_blocking(blocking, bkn)
        fu_services.record_block(blocking, bkn, reference="SIASN-1", blocked_on=date(2025, 4, 8))
    with at("2025-04-15"):
        blocking.refresh_from_db()
        fu_services.request_unblock(blocking, None)
        blocking.refresh_from_db()
        fu_services.record_unblock(blocking, bkn, reference="SIASN-2", unblocked_on=date(2025, 4, 15))


def facts_snapshot():
    cases = list(Case.objects.order_by("pk").values_list("pk", *factstore.FACT_FIELDS))
    runs = sorted(CaseFactRun.objects.values_list("case_id", "kind", "valid_from", "valid_to", "due"))
    return cases, runs


def test_facts_equal_the_history_computation_for_every_date(personas):
    build(personas)
    assert CaseFactRun.objects.filter(kind="proven").count() == 1  # the reconsidered run
    assert CaseFactRun.objects.filter(kind="sanctioned").count() == 1  # the returned report
    days = [date(2025, 3, 1) + timedelta(days=i) for i in range(50)]
    with at("2025-04-30"):
        for group_by in ((), ("mode",), ("agency", "source", "month")):
            for as_of in [*days, None]:
                assert new_rows(as_of, group_by) == old_rows(as_of, group_by, date(2025, 4, 30)), (
                    as_of,
                    group_by,
                )
        totals = [new_rows(d, ())[0] for d in days]
    # The story is visible in the figures (not all zeros): proven goes back and up again, sanctioned too.
    proven = [t["proven"] for t in totals]
    assert max(proven) == 2 and proven[days.index(date(2025, 3, 5))] == 1
    followed = [t["followed_up"] for t in totals]
    assert followed[days.index(date(2025, 3, 12))] == 1 and followed[days.index(date(2025, 3, 14))] == 0
    assert totals[days.index(date(2025, 4, 10))]["blocked"] == 1
    assert totals[days.index(date(2025, 4, 16))]["blocked"] == 0
    assert any(t["overdue"] for t in totals)


def test_rebuild_derives_the_facts_the_hooks_wrote(personas):
    build(personas)
    kept = facts_snapshot()
    Case.objects.update(**{name: None for name in factstore.FACT_FIELDS if "report_" not in name})
    Case.objects.update(report_mode="", report_source="")
    CaseFactRun.objects.all().delete()
    factstore.rebuild()
    fu_facts.rebuild()
    assert facts_snapshot() == kept
    ids = [kept[0][0][0], kept[0][-1][0]]
    Case.objects.filter(pk__in=ids).update(proven_since=None, sanctioned_since=None, report_mode="")
    factstore.rebuild(ids)
    fu_facts.rebuild(ids)
    assert facts_snapshot() == kept


def test_a_further_follow_up_of_a_case_counts_from_its_opening(personas):
    """A second follow-up (another recommendation of the same case) is a FOLLOW_UP run: overdue counts its due
    date only from the day it was opened."""
    analyst, decider = personas["analis"], personas["komisioner"]
    with at("2025-03-03"):
        case = recommended_case(analyst, decider)
        fu_services.open_follow_ups()
    FollowUp.objects.filter(case=case).update(created_at=end_of(date(2025, 3, 3)))
    Case.objects.filter(pk=case.pk).update(follow_up_due=date(2025, 6, 1))  # the first one is due late
    factstore.follow_up_opened(case.pk, end_of(date(2025, 3, 20)), date(2025, 3, 25))
    run = CaseFactRun.objects.get(case=case, kind="follow_up")
    assert run.due == date(2025, 3, 25)
    with at("2025-04-30"):
        overdue = {
            d: Query(as_of=d, medians=False).total()["overdue"]
            for d in (date(2025, 3, 26), date(2025, 3, 19))
        }
    assert overdue == {date(2025, 3, 26): 1, date(2025, 3, 19): 0}
