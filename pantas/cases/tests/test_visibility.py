"""Who sees which case (P-02): table-driven over the personas; out of scope is 404 on every entry point."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from pantas.accounts.models import Organisation

from ..models import Case, Referral, ReferralMode
from ..workflow import CaseState
from .factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(personas):
    ppk = Organisation.objects.get(code="ppk-kota-73-71")
    return {
        "pool": CaseFactory(state=CaseState.RECEIVED, assignee=None),
        "mine": CaseFactory(state=CaseState.INVESTIGATION, assignee=personas["analis"]),
        "others": CaseFactory(state=CaseState.INVESTIGATION, assignee=personas["komisioner"]),
        "disclosed": CaseFactory(
            state=CaseState.CLARIFICATION,
            assignee=personas["komisioner"],
            addressee=ppk,
            disclosed_at=timezone.now(),
        ),
        "undisclosed": CaseFactory(
            state=CaseState.INVESTIGATION, assignee=personas["komisioner"], addressee=ppk
        ),
        "kemendagri": CaseFactory(
            state=CaseState.RECOMMENDED,
            addressee=Organisation.objects.get(code="kemendagri"),
            disclosed_at=timezone.now(),
        ),
        "referred": CaseFactory(state=CaseState.REFERRED),
    }


EXPECTED = {
    "komisioner": {"pool", "mine", "others", "disclosed", "undisclosed", "kemendagri", "referred"},
    "analis": {"pool", "mine"},
    "intake": {"pool", "referred"},
    "ppk.makassar": {"disclosed"},
    "ppk.kemenag": set(),
    "kemendagri": {"kemendagri"},
    "ombudsman": {"referred"},
    "bawaslu.sulsel": set(),
    "cso.pattiro": set(),
    "kustodian": set(),
    "penilai": set(),
    "bkn": set(),
    "admin": set(),
    "pansel": set(),
}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_each_persona_sees_exactly_its_cases(personas, cases, username):
    Referral.objects.create(
        case=cases["referred"],
        partner=Organisation.objects.get(code="ombudsman"),
        mode=ReferralMode.HANDOVER,
        note="Dilimpahkan.",
        sent_by=personas["analis"],
    )
    user = personas[username]
    names = {
        name for name, case in cases.items() if Case.objects.visible_to(user).filter(pk=case.pk).exists()
    }
    assert names == EXPECTED[username]
    client, api = APIClient(), APIClient()
    client.force_login(user)
    api.force_authenticate(user)
    for name, case in cases.items():
        page = client.get(reverse("cases:detail", args=[case.number]))
        detail = api.get(f"/api/v1/cases/{case.uuid}/")
        if name in EXPECTED[username]:
            assert (page.status_code, detail.status_code) == (200, 200), name
        elif EXPECTED[username]:
            assert (page.status_code, detail.status_code) == (404, 404), name
        else:  # roles that never see a case are refused at the door
            assert page.status_code in (403, 404), name
            assert detail.status_code in (403, 404), name


def test_case_page_lists_only_merged_cases_within_scope(personas):
    """The detail page names the cases merged into this one; an analyst must not learn the numbers of merged
    cases outside their scope (issue 8)."""
    analyst = personas["analis"]
    target = CaseFactory(state=CaseState.INVESTIGATION, assignee=analyst)
    own = CaseFactory(state=CaseState.MERGED, assignee=analyst, merged_into=target)
    foreign = CaseFactory(state=CaseState.MERGED, assignee=personas["komisioner"], merged_into=target)
    client = Client()
    client.force_login(analyst)
    page = client.get(reverse("cases:detail", args=[target.number]))
    assert page.status_code == 200
    assert own.number in page.content.decode()
    assert foreign.number not in page.content.decode()
    assert list(page.context["merged_cases"]) == [own]
