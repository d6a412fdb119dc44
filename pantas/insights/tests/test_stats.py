"""The statistics layer on factory data: counts per measure, grouping, filters and "as of" any date."""

from datetime import date

import pytest
import time_machine

from pantas.cases.tests.factories import investigation_case, proven_case, received_case, recommended_case
from pantas.core.calendar import IndonesianCalendar
from pantas.followup import services as fu_services
from pantas.followup.models import FollowUp
from pantas.followup.tests.factories import pdf_upload

from ..stats import MEASURES, Query, QueryError, percent

pytestmark = pytest.mark.django_db


def at(day: str, hour: int = 10):
    return time_machine.travel(f"{day} {hour:02d}:00 +0700", tick=False)


def test_percent_truncates_like_the_published_figures():
    assert str(percent(1450, 1596)) == "90.8"
    assert str(percent(1373, 1596)) == "86.0"
    assert percent(1, 0) is None


def test_unknown_dimension_is_refused():
    with pytest.raises(QueryError):
        Query(filters={"nip": "1"})
    with pytest.raises(QueryError):
        Query(group_by=("subject_name",))


def build(personas):
    """Four cases over January–March 2025: received, investigation, proven, recommended + followed up."""
    analyst, decider, ppk = personas["analis"], personas["komisioner"], personas["ppk.makassar"]
    with at("2025-01-06"):
        received_case(analyst)
        investigation_case(analyst)
        proven_case(analyst)
        case = recommended_case(analyst, decider)
        fu_services.open_follow_ups()
    follow_up = FollowUp.objects.get(case=case)
    with at("2025-02-03"):
        fu_services.report(
            follow_up,
            ppk,
            number="800/1/2025",
            decree_date=date(2025, 2, 3),
            imposed_sanction=follow_up.recommended_sanction,
            starts_on=date(2025, 2, 3),
            upload=pdf_upload(),
        )
    return case


def test_measures_now_and_as_of(personas):
    build(personas)
    now = Query().total()
    assert set(MEASURES) <= set(now)
    assert (now["reported"], now["verified"], now["proven"], now["recommended"], now["followed_up"]) == (
        4, 3, 2, 1, 1,
    )  # fmt: skip
    assert now["follow_up_rate"] == 100
    assert now["median_days_to_recommendation"] == 0
    # 6 Jan → 3 Feb 2025: 20 weekdays less Isra Mi'raj, cuti bersama and Imlek (27–29 Jan).
    assert now["median_days_to_follow_up"] == 17
    assert IndonesianCalendar().working_days_between(date(2025, 1, 6), date(2025, 2, 3)) == 17

    before = Query(as_of=date(2025, 1, 31)).total()
    assert (before["recommended"], before["followed_up"], before["follow_up_rate"]) == (1, 0, 0)
    assert before["overdue"] == 1  # due after 10 working days, not reported by 31 Jan
    assert Query(as_of=date(2025, 1, 5)).total()["reported"] == 0


def test_group_by_and_filters(personas):
    build(personas)
    rows = Query(group_by=("agency", "month")).rows()
    assert [(r["agency"], r["month"], r["reported"]) for r in rows] == [("kota-73-71", "2025-01", 4)]
    assert rows[0]["agency_label"]
    assert Query(filters={"agency": "kota-73-71"}).total()["reported"] == 4
    assert Query(filters={"agency": ["other"]}).total()["reported"] == 0
    assert Query(filters={"source": "public"}).total()["reported"] == 4
    assert Query(received_from=date(2025, 1, 7)).total()["reported"] == 0
    assert Query(received_to=date(2025, 1, 6)).total()["reported"] == 4


def test_as_of_equals_the_figures_computed_when_the_data_stood_there(personas):
    """Figures "as of" a date equal the ones computed on the data as it was that day: snapshot now, let
    cases move on, then ask for the past date."""
    analyst, decider, ppk = personas["analis"], personas["komisioner"], personas["ppk.makassar"]
    with at("2025-03-03"):
        received_case(analyst)
        first = proven_case(analyst)
        second = recommended_case(analyst, decider)
        fu_services.open_follow_ups()
    grouping = ("agency", "source", "month")
    with at("2025-03-04", 20):
        snapshot = (Query(group_by=grouping).rows(), Query().total())

    with at("2025-03-10"):  # the world moves on: a new case, a recommendation, a decree
        investigation_case(analyst)
        from pantas.cases import services as case_services

        case_services.issue_recommendation(first, decider)
        fu_services.open_follow_ups()
        follow_up = FollowUp.objects.get(case=second)
        fu_services.report(
            follow_up,
            ppk,
            number="800/2/2025",
            decree_date=date(2025, 3, 10),
            imposed_sanction=follow_up.recommended_sanction,
            starts_on=date(2025, 3, 10),
            upload=pdf_upload(),
        )
    with at("2025-03-11"):
        moved = Query().total()
        past = (
            Query(group_by=grouping, as_of=date(2025, 3, 4)).rows(),
            Query(as_of=date(2025, 3, 4)).total(),
        )
    assert moved["recommended"] == 2 and moved["followed_up"] == 1 and moved["reported"] == 4
    assert past == snapshot
