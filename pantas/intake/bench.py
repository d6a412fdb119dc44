"""Hot intake queries: a CSO's own reports (scoped by `visible_to`) and reports per province per election."""

from functools import cache

from django.db.models import Count

from pantas.accounts.models import User
from pantas.bench import Bench

from .models import Report


@cache
def _user():
    """Loaded once, as a request has its user and roles before the view runs; the query under test is timed."""
    user = User.objects.get(username="cso.pattiro")
    _ = user.role_set
    return user


def _cso_reports():
    user = _user()
    list(
        Report.objects.visible_to(user)
        .order_by("-received_at")
        .values("number", "status", "received_at")[:50]
    )


def _per_province():
    list(
        Report.objects.filter(election__code="pilkada-2020")
        .values("province_id")
        .annotate(n=Count("id"))
        .order_by("province_id")
    )


BENCHMARKS = [
    Bench(
        "intake: CSO's own reports (visible_to)",
        _cso_reports,
        "SELECT r.number, r.status, r.received_at FROM intake_report r JOIN accounts_user u ON u.username = %s "
        "WHERE r.organisation_id = u.organisation_id ORDER BY r.received_at DESC LIMIT 50",
        ["cso.pattiro"],
    ),
    Bench(
        "intake: reports per province, Pilkada 2020",
        _per_province,
        "SELECT r.province_id, COUNT(r.id) FROM intake_report r JOIN registry_election e ON e.id = r.election_id "
        "WHERE e.code = %s GROUP BY r.province_id ORDER BY r.province_id",
        ["pilkada-2020"],
    ),
]
