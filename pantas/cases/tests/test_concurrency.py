"""Two people act on the same case at the same moment: exactly one wins, the other gets 409 (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from pantas.accounts.models import User
from pantas.core.audit import events_for
from pantas.core.errors import InvalidTransition

from .. import services
from ..models import Case, CaseStatusChange, RecommendationLetter
from .factories import proven_case, received_case

pytestmark = [pytest.mark.postgres]


def race(fn, n=2):
    barrier = threading.Barrier(n)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(("ok", fn()))
        except InvalidTransition as exc:
            results.append(("409", exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(kind for kind, _value in results)


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks and concurrent writers)")


def test_a_concurrent_double_transition_has_exactly_one_winner(postgres_only, live_app):
    analyst = User.objects.get(username="analis")
    case = received_case(analyst)

    def verify():
        stale = Case.objects.get(pk=case.pk)  # both threads read the same state and version
        return services.verify(stale, User.objects.get(username="analis"))

    assert race(verify) == ["409", "ok"]
    assert CaseStatusChange.objects.filter(case=case, action="verify").count() == 1
    assert events_for(case).filter(action="cases.case.verification_started").count() == 1


def test_two_deciders_approving_the_same_letter_issue_one_number(postgres_only, live_app):
    case = proven_case(User.objects.get(username="analis"))

    def issue():
        return services.issue_recommendation(
            Case.objects.get(pk=case.pk), User.objects.get(username="komisioner")
        )

    assert race(issue) == ["409", "ok"]
    assert RecommendationLetter.objects.filter(case=case, number__isnull=False).count() == 1
