"""Conflict of interest: a PPK who is a candidate does not receive the recommendation about their staff."""

import pytest
from django.core.exceptions import ValidationError

from pantas.core.audit import events_for
from pantas.core.errors import NotAllowed
from pantas.registry.models import Agency, Election

from .. import services
from ..models import CandidacyDeclaration, Case
from ..workflow import CaseState
from .factories import clarification_case, received_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def pilkada():
    return Election.objects.get(code="pilkada-2020")


def declare(agency_code, election, actor):
    return services.declare_candidacy(
        actor,
        agency=Agency.objects.get(code=agency_code),
        election=election,
        candidate_name="Petahana",
        source="Keputusan KPU Kota Makassar 2020 tentang penetapan pasangan calon",
    )


def test_a_case_whose_ppk_is_a_candidate_is_routed_to_kemendagri(personas, pilkada):
    declare("kota-73-71", pilkada, personas["komisioner"])
    case = received_case(personas["analis"], report__election=pilkada)
    assert case.conflict_of_interest
    assert case.addressee.code == "kemendagri"
    assert "Petahana" in case.routing_note
    # Clarification goes to the routed addressee: Kemendagri sees it, the conflicted PPK does not.
    services.verify(case, personas["analis"])
    services.start_investigation(case, personas["analis"], category="skb2022-b12")
    services.request_clarification(case, personas["analis"], question="Mohon penjelasan.")
    assert Case.objects.visible_to(personas["kemendagri"]).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to(personas["ppk.makassar"]).filter(pk=case.pk).exists()


def test_declaring_a_candidacy_reroutes_open_cases_and_is_audited(personas, pilkada):
    case = clarification_case(personas["analis"], report__election=pilkada)
    assert case.addressee.code == "ppk-kota-73-71"
    _declaration, rerouted = declare("kota-73-71", pilkada, personas["komisioner"])
    case.refresh_from_db()
    assert rerouted == [case.number]
    assert (case.addressee.code, case.conflict_of_interest) == ("kemendagri", True)
    assert events_for(case).filter(action="cases.case.rerouted").count() == 1
    with pytest.raises(NotAllowed):
        declare("kota-73-72", pilkada, personas["analis"])


def test_central_agencies_route_to_kemenpanrb_and_jakarta_cities_to_the_governor(personas):
    pemilu = Election.objects.get(code="pemilu-2024")
    declare("kemenag", pemilu, personas["komisioner"])
    central = received_case(
        personas["analis"], agency=Agency.objects.get(code="kemenag"), report__election=pemilu
    )
    assert central.addressee.code == "kemenpanrb"
    jakarta_city = Agency.objects.filter(has_own_ppk=False, province_id="31").first()
    jakarta = received_case(personas["analis"], agency=jakarta_city, nip="199001012015051002")
    assert jakarta.addressee.agency.code == "prov-31"


def test_routing_can_be_overridden_only_with_a_reason_and_restored(personas, pilkada):
    declare("kota-73-71", pilkada, personas["komisioner"])
    case = received_case(personas["analis"], report__election=pilkada)
    with pytest.raises(ValidationError):
        services.override_routing(
            case, personas["komisioner"], addressee="ppk-kota-73-71", conflict_of_interest=False, reason=""
        )
    with pytest.raises(NotAllowed):
        services.override_routing(
            case, personas["analis"], addressee="ppk-kota-73-71", conflict_of_interest=False, reason="x"
        )
    services.override_routing(
        case,
        personas["komisioner"],
        addressee="ppk-kota-73-71",
        conflict_of_interest=False,
        reason="PPK tidak lagi calon: pencalonan dibatalkan KPU.",
    )
    case.refresh_from_db()
    assert (case.addressee.code, case.conflict_of_interest, case.routing_overridden) == (
        "ppk-kota-73-71",
        False,
        True,
    )
    event = events_for(case).get(action="cases.case.routing_overridden")
    assert event.data["addressee"][1] == case.addressee_id
    # Re-declaring elsewhere does not touch an overridden case; reroute returns it to automatic routing.
    services.reroute(case, personas["komisioner"], reason="kembali otomatis")
    case.refresh_from_db()
    assert (case.addressee.code, case.routing_overridden) == ("kemendagri", False)
    assert case.state == CaseState.RECEIVED
    assert CandidacyDeclaration.objects.count() == 1
