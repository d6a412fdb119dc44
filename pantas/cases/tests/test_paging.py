"""Paging at scale (ADR 0132) and the UNION shape of `visible_to` (ADR 0130): key pages skip and repeat no row,
ties on the sort column included; the capped count; `any_of` returns exactly the rows of the OR it replaces."""

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone
from rest_framework.test import APIClient

from pantas.accounts.models import Organisation
from pantas.cases.models import Case, Referral, ReferralMode
from pantas.cases.tests.factories import CaseFactory
from pantas.cases.workflow import CaseState
from pantas.core.paging import CappedPaginator, CursorError, keyset_after, keyset_order, make_cursor
from pantas.followup.models import FollowUp
from pantas.intake.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def tied_cases(personas):
    """23 cases over 4 instants: ties on received_at everywhere, one instant differing only in microseconds."""
    base = timezone.now().replace(microsecond=500_000)
    instants = [base, base, base + timedelta(microseconds=1), base - timedelta(days=1)]
    return [CaseFactory(received_at=instants[i % len(instants)]) for i in range(23)]


def _walk(queryset, size):
    order = keyset_order(queryset)
    seen, cursor = [], None
    while True:
        page_qs = keyset_after(queryset, order, cursor) if cursor else queryset
        rows = list(page_qs[: size + 1])
        seen += [row.pk for row in rows[:size]]
        if len(rows) <= size:
            return seen
        cursor = make_cursor(rows[size - 1], order)


@pytest.mark.parametrize(
    "ordering", [("-received_at", "-id"), ("received_at", "id"), ("state", "-received_at", "pk")]
)
@pytest.mark.parametrize("size", [1, 4, 7])
def test_key_pages_return_every_row_once_in_order(tied_cases, ordering, size):
    queryset = Case.objects.order_by(*ordering)
    expected = list(queryset.values_list("pk", flat=True))
    assert len(expected) == 23
    assert _walk(queryset, size) == expected


def test_orderings_that_cannot_be_paged_by_key():
    assert (
        keyset_order(Case.objects.order_by("-received_at")) is None
    )  # not unique: no primary key at the end
    assert keyset_order(Case.objects.order_by("due_on", "id")) is None  # nullable column
    assert keyset_order(Case.objects.order_by("agency__name", "id")) is None  # related column
    assert keyset_order(FollowUp.objects.all()) is None  # Meta ordering (due_on, id): due_on is nullable
    assert [c.attname for c in keyset_order(Report.objects.all())] == ["received_at", "id"]


def test_a_tampered_cursor_is_refused(tied_cases):
    order = keyset_order(Case.objects.order_by("-received_at", "-id"))
    cursor = make_cursor(tied_cases[0], order)
    with pytest.raises(CursorError):
        keyset_after(Case.objects.all(), order, cursor[:-2] + "xx")


def test_the_count_stops_at_the_cap(tied_cases):
    class Small(CappedPaginator):
        cap = 5

    paginator = Small(Case.objects.order_by("-received_at", "-id"), 4)
    assert paginator.count == 6 and paginator.capped
    assert len(paginator.page(2).object_list) == 2
    exact = Small(Case.objects.filter(pk__in=[c.pk for c in tied_cases[:3]]).order_by("id"), 4)
    assert exact.count == 3 and not exact.capped


def test_the_api_walks_by_cursor_without_skipping_or_repeating(tied_cases, personas):
    api = APIClient()
    api.force_authenticate(personas["komisioner"])
    expected = list(Case.objects.order_by("-received_at", "-id").values_list("number", flat=True))
    first = api.get("/api/v1/cases/", {"limit": 5}).json()
    assert first["count"] == len(expected) and first["count_is_exact"] is True
    numbers, body = [c["number"] for c in first["results"]], first
    body = api.get("/api/v1/cases/", {"limit": 5, "cursor": first["next_cursor"]}).json()
    numbers += [c["number"] for c in body["results"]]
    while body["next"]:
        assert "cursor=" in body["next"] and body["previous"] is None
        body = api.get(body["next"]).json()
        numbers += [c["number"] for c in body["results"]]
    assert numbers == expected
    assert body["next_cursor"] is None


def test_offset_pages_still_work_and_next_follows_the_rows(tied_cases, personas):
    api = APIClient()
    api.force_authenticate(personas["komisioner"])
    last = api.get("/api/v1/cases/", {"limit": 10, "offset": 20}).json()
    assert len(last["results"]) == 3 and last["next"] is None and "offset=10" in last["previous"]
    assert api.get("/api/v1/cases/", {"limit": 10, "offset": 10}).json()["next"].endswith("offset=20")


def test_bad_cursors_are_400(tied_cases, personas):
    api = APIClient()
    api.force_authenticate(personas["komisioner"])
    assert api.get("/api/v1/cases/", {"cursor": "nonsense"}).status_code == 400
    assert api.get("/api/v1/cases/", {"cursor": "x" * 600}).status_code == 400
    # Follow-ups are listed by due date, which may be empty: no key pages there.
    assert api.get("/api/v1/follow-ups/", {"cursor": "x"}).status_code == 400


def test_any_of_returns_the_rows_of_the_or(personas):
    ppk = Organisation.objects.get(code="ppk-kota-73-71")
    ombudsman = Organisation.objects.get(code="ombudsman")
    cases = [
        CaseFactory(state=CaseState.RECEIVED, assignee=None),
        CaseFactory(state=CaseState.INVESTIGATION, assignee=personas["analis"]),
        CaseFactory(state=CaseState.CLARIFICATION, addressee=ppk, disclosed_at=timezone.now()),
        CaseFactory(state=CaseState.INVESTIGATION, addressee=ppk),
        CaseFactory(state=CaseState.REFERRED),
    ]
    Referral.objects.create(
        case=cases[4], partner=ombudsman, mode=ReferralMode.HANDOVER, note="-", sent_by=personas["komisioner"]
    )
    referred = Referral.objects.filter(partner=ombudsman).values("case_id")
    branches = [
        Q(assignee__isnull=True, state=CaseState.RECEIVED),
        Q(assignee=personas["analis"]),
        Q(addressee=ppk, disclosed_at__isnull=False),
        Q(pk__in=referred),
    ]
    for n in range(1, len(branches) + 1):
        chosen = branches[:n]
        union = (
            Case.objects.any_of(*chosen[:-1], referred)
            if n == len(branches)
            else Case.objects.any_of(*chosen)
        )
        expected = Case.objects.none()
        for branch in chosen:
            expected |= Case.objects.filter(branch)
        assert set(union.values_list("pk", flat=True)) == set(expected.values_list("pk", flat=True))
        # The union still takes further filters and ordering, as every list does.
        assert union.filter(state=CaseState.RECEIVED).order_by("-received_at", "-id").count() <= 1
    assert not Case.objects.any_of().exists()
