"""The track record by NIP (ADR 0055): who may open it, what each sees, every view audited, 404 outside scope."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pantas.cases.workflow import CaseState
from pantas.core.models import AuditEvent
from pantas.registry.models import Agency

from ..clearance import run_clearance
from ..workflow import BlockingState, FollowUpState
from .record_factories import asn, nip, open_case, recommended

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    today = timezone.localdate()
    number = nip(7)
    asn(number, name="Andi Pratama")
    recommended(
        number,
        FollowUpState.VERIFIED,
        decree=(today - timedelta(days=10), today + timedelta(days=170), "sedang-tukin-6"),
        blocking=BlockingState.UNBLOCK_REQUESTED,
        compliance="complied",
    )
    open_case(number, CaseState.INVESTIGATION)
    open_case(number, CaseState.REJECTED)
    return number


def url(number):
    return f"/asn/{number}/rekam-jejak/"


def viewed():
    return AuditEvent.objects.filter(action="followup.record.viewed")


@pytest.mark.parametrize("username", ["komisioner", "analis", "bkn", "ppk.makassar"])
def test_the_roles_that_need_it_open_the_record_and_each_view_is_audited(person, personas, client, username):
    client.force_login(personas[username])
    response = client.get(url(person))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Andi Pratama" in html and "Pemotongan tunjangan kinerja 25% selama 6 bulan" in html
    assert "Sedang menjalani sanksi" in html and "Diminta buka blokir" in html
    event = viewed().get()
    assert event.actor_id == personas[username].pk and event.data["nip"] == person


def test_supervisor_staff_see_every_case_partners_see_findings_only(person, personas, client):
    client.force_login(personas["komisioner"])
    full = client.get(url(person)).content.decode()
    assert full.count("record-entry") == 3  # recommended, open, rejected
    client.force_login(personas["ppk.makassar"])
    partial = client.get(url(person)).content.decode()
    assert partial.count("record-entry") == 1
    assert "1 kasus sedang diperiksa" in partial and "KAS-" not in partial


def test_outside_the_scope_is_404(person, personas, client):
    client.force_login(personas["ppk.kemenag"])
    assert client.get(url(person)).status_code == 404
    client.force_login(personas["komisioner"])
    assert client.get(url(nip(999))).status_code == 404  # nobody by that NIP
    assert client.get(url("not-a-nip")).status_code == 404
    assert not viewed().exists()


@pytest.mark.parametrize("username", ["cso.pattiro", "bawaslu.sulsel", "kemendagri", "ombudsman"])
def test_other_roles_are_refused(person, personas, client, username):
    client.force_login(personas[username])
    assert client.get(url(person)).status_code in (403, 404)
    assert client.get(f"/api/v1/civil-servants/{person}/record/").status_code in (403, 404)


def test_pansel_opens_only_the_records_of_its_candidates(person, personas, client):
    pansel = personas["pansel"]
    client.force_login(pansel)
    assert client.get(url(person)).status_code == 404
    run_clearance(pansel, [person], "Seleksi JPT Sekda")
    assert client.get(url(person)).status_code == 200
    other = nip(8)
    asn(other)
    assert client.get(url(other)).status_code == 404


def test_a_ppk_of_another_agency_sees_the_record_when_the_case_was_on_its_agency(personas, client):
    number = nip(9)
    asn(number, agency=Agency.objects.get(code="kemenag"))
    client.force_login(personas["ppk.kemenag"])
    assert client.get(url(number)).status_code == 200
    client.force_login(personas["ppk.makassar"])
    assert client.get(url(number)).status_code == 404


def test_the_api_returns_the_record_and_audits_it(person, personas, client):
    client.force_login(personas["bkn"])
    response = client.get(f"/api/v1/civil-servants/{person}/record/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"]["status"] == "sanctioned"
    assert body["entries"][0]["recommendation"]["blocking_state"] == "unblock_requested"
    assert body["entries"][0]["recommendation"]["sanction_ends_on"]
    assert viewed().get().data["channel"] == "api"
    client.force_login(personas["ppk.kemenag"])
    assert client.get(f"/api/v1/civil-servants/{person}/record/").status_code == 404


def test_the_asn_search_links_each_row_to_the_record(person, personas, client):
    client.force_login(personas["komisioner"])
    html = client.get("/asn/", {"q": "Andi Pratama"}).content.decode()
    assert f'href="/asn/{person}/rekam-jejak/"' in html
