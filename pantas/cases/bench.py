"""Hot case queries: the first page of the case list for a PPK office (scoped by `visible_to`) and the
per-election sanction mix that statistics are built on."""

from functools import cache

from django.db.models import Count

from pantas.accounts.models import User
from pantas.bench import Bench

from .models import Case


@cache
def _user():
    """Loaded once, as a request has its user and roles before the view runs; the query under test is timed."""
    user = User.objects.get(username="ppk.makassar")
    _ = user.role_set
    return user


def _ppk_inbox_page():
    user = _user()
    list(
        Case.objects.visible_to(user)
        .select_related("agency", "election")
        .order_by("-received_at")
        .values("number", "state", "agency__name", "election__name")[:50]
    )


def _state_counts_per_election():
    list(
        Case.objects.values("election__code", "state")
        .annotate(n=Count("id"))
        .order_by("election__code", "state")
    )


BENCHMARKS = [
    Bench(
        "cases: PPK office's first page (visible_to)",
        _ppk_inbox_page,
        "SELECT c.number, c.state, a.name, e.name FROM cases_case c "
        "LEFT JOIN registry_agency a ON a.id = c.agency_id LEFT JOIN registry_election e ON e.id = c.election_id "
        "WHERE c.id IN (SELECT id FROM cases_case WHERE addressee_id = %s AND disclosed_at IS NOT NULL "
        "UNION SELECT case_id FROM cases_referral WHERE partner_id = %s) "
        "ORDER BY c.received_at DESC LIMIT 50",
        lambda: [_user().organisation_id] * 2,
        budget=3.0,
    ),
    Bench(
        "cases: state counts per election (statistics)",
        _state_counts_per_election,
        "SELECT e.code, c.state, COUNT(c.id) FROM cases_case c LEFT JOIN registry_election e ON e.id = c.election_id "
        "GROUP BY e.code, c.state ORDER BY e.code, c.state",
    ),
]
