"""Factories per workflow state. States are reached through the real service functions (so every factory
case carries its history and audit trail), except `CaseFactory`, which builds a bare row in any state."""

import factory
from django.utils import timezone

from pantas.accounts.models import Organisation
from pantas.intake.tests.factories import ReportedPersonFactory
from pantas.registry.models import Agency, Authority, ViolationCategory

from .. import services
from ..models import Case, Outcome
from ..workflow import CaseState

MAKASSAR = "kota-73-71"


def makassar():
    return Agency.objects.get(code=MAKASSAR)


class CaseFactory(factory.django.DjangoModelFactory):
    """A bare case row (no linked report, no history): for visibility and matrix tests."""

    class Meta:
        model = Case

    number = factory.Sequence(lambda n: f"KAS-2099-{n:06d}")
    state = CaseState.RECEIVED
    authority = factory.LazyFunction(lambda: Authority.objects.get(code="bkn"))
    subject_name = factory.Sequence(lambda n: f"Terlapor Kasus {n}")
    subject_nip = "198609262015051001"
    agency = factory.LazyFunction(makassar)
    addressee = factory.LazyFunction(lambda: Organisation.objects.get(code="ppk-kota-73-71"))
    category = factory.LazyFunction(lambda: ViolationCategory.objects.get(code="skb2022-a4"))
    received_at = factory.LazyFunction(timezone.now)


def report_with_person(**person):
    person.setdefault("agency", makassar())
    person.setdefault("nip", "198609262015051001")
    return ReportedPersonFactory(**person).report


def received_case(actor, **person) -> Case:
    """A case opened from a fresh public report about one ASN of Kota Makassar."""
    report = report_with_person(**person)
    return services.open_cases_for_report(report, actor)[0]


def verification_case(actor, **person) -> Case:
    return services.verify(received_case(actor, **person), actor)


def investigation_case(actor, **person) -> Case:
    case = verification_case(actor, **person)
    return services.start_investigation(case, actor, category="skb2022-a4", assignee=actor)


def clarification_case(actor, **person) -> Case:
    case = investigation_case(actor, **person)
    return services.request_clarification(
        case, actor, question="Mohon penjelasan atas unggahan tanggal 1 Mei."
    )


def proven_case(actor, **person) -> Case:
    case = clarification_case(actor, **person)
    return services.decide(case, actor, outcome=Outcome.PROVEN, findings="Unggahan terbukti milik terlapor.")


def recommended_case(analyst, decider, **person) -> Case:
    case = proven_case(analyst, **person)
    return services.issue_recommendation(case, decider)
