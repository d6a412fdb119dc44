"""Least privilege (ADR 0090): each role's read scope follows from its job, table-driven over the querysets every
page and API endpoint reads through, and the pages and endpoints themselves."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from pantas.cases.models import Case, Team
from pantas.cases.tests.factories import received_case
from pantas.intake.models import Evidence, Message, Report, ReportedPerson
from pantas.intake.services.messages import post_staff_message
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report
from pantas.registry.models import Agency, CivilServant

from .factories import CsoReportFactory, ReportedPersonFactory

pytestmark = pytest.mark.django_db

ALL, NONE, SEALED, OWN = "all", "none", "sealed only", "own organisation"

# role persona → what it reads of (reports, report contents, internal notes, cases, case teams, ASN register)
SCOPES = {
    "intake": (ALL, ALL, ALL, "front desk", ALL, ALL),
    "analis": (ALL, ALL, ALL, "own and pool", ALL, ALL),
    "komisioner": (ALL, ALL, ALL, ALL, ALL, ALL),
    "admin": (ALL, ALL, ALL, NONE, NONE, ALL),
    "kustodian": (SEALED, NONE, NONE, NONE, NONE, NONE),
    "penilai": (NONE, NONE, NONE, NONE, NONE, NONE),
    "cso.pattiro": (OWN, OWN, NONE, NONE, NONE, NONE),
    "bkn": (NONE, NONE, NONE, NONE, NONE, ALL),
    "pansel": (NONE, NONE, NONE, NONE, NONE, "named NIPs"),
    "ppk.makassar": (NONE, NONE, NONE, NONE, NONE, "own agency"),
}


@pytest.fixture
def world(personas, custodian_key):
    cso = CsoReportFactory()
    ReportedPersonFactory(report=cso)
    plain = submit_report(
        ReportInput(description="Lurah ikut kampanye.", persons=[PersonInput(name="Lurah")])
    )
    sealed = submit_report(
        ReportInput(
            description="Camat mengarahkan RT.",
            persons=[PersonInput(name="Camat")],
            anonymity="confidential",
            identity={"name": "Siti Pelapor", "contact": "", "note": ""},
        )
    ).report
    post_staff_message(plain.report, personas["analis"], "Catatan internal.", internal=True)
    case = received_case(personas["intake"])
    common = {"employee_type": "pns", "gender": "1", "birth_date": "1986-09-26", "position_class": "pengawas"}
    servants = [
        CivilServant.objects.create(
            nip="198609262015051001", name="Andi", agency=Agency.objects.get(code="kota-73-71"), **common
        ),
        CivilServant.objects.create(
            nip="198609262015051002", name="Budi", agency=Agency.objects.get(code="kemenag"), **common
        ),
    ]
    return {"cso": cso, "sealed": sealed, "case": case, "servants": servants}


def _reports(user, world):
    qs = Report.objects.visible_to(user)
    if qs.count() == Report.objects.count():
        return ALL
    if not qs.exists():
        return NONE
    if set(qs) == {world["sealed"]}:
        return SEALED
    assert set(qs.values_list("organisation_id", flat=True)) == {user.organisation_id}
    return OWN


def _contents(user, world):
    persons = ReportedPerson.objects.visible_to(user)
    evidence_and_messages = [Evidence.objects.visible_to(user), Message.objects.visible_to(user)]
    if persons.count() == ReportedPerson.objects.count():
        return ALL
    if not persons.exists() and not any(q.exists() for q in evidence_and_messages):
        return NONE
    assert set(persons.values_list("report__organisation_id", flat=True)) == {user.organisation_id}
    return OWN


def _notes(user, world):
    notes = Message.objects.visible_to(user).filter(visibility="internal")
    return ALL if notes.exists() else NONE


def _cases(user, world):
    qs = Case.objects.visible_to(user)
    if not qs.exists():
        return NONE
    if user.username == "intake":
        return "front desk"
    if user.username == "analis":
        return "own and pool"
    return ALL if qs.count() == Case.objects.count() else "some"


def _teams(user, world):
    return ALL if Team.objects.visible_to(user).count() == Team.objects.count() > 0 else NONE


def _asn(user, world):
    qs = CivilServant.objects.visible_to(user)
    if user.username == "pansel":
        assert not qs.exists()  # no browsing
        named = CivilServant.objects.visible_to(user, nips=["198609262015051001"])
        return "named NIPs" if list(named) == world["servants"][:1] else "wrong"
    if qs.count() == CivilServant.objects.count():
        return ALL
    if not qs.exists():
        return NONE
    return "own agency" if set(qs) == {world["servants"][0]} else "wrong"


@pytest.mark.parametrize("username", list(SCOPES))
def test_each_role_reads_what_its_job_needs(personas, world, username):
    from pantas.cases.models import Team as TeamModel

    if not TeamModel.objects.exists():
        TeamModel.objects.create(code="pokja-1", name="Pokja 1")
    user = personas[username]
    got = tuple(f(user, world) for f in (_reports, _contents, _notes, _cases, _teams, _asn))
    assert got == SCOPES[username]


@pytest.mark.parametrize("username", ["kustodian", "penilai"])
def test_custodian_and_assessor_get_no_report_or_case_pages_or_api(client, personas, world, username):
    client.force_login(personas[username])
    for url in (
        reverse("intake:staff_list"),
        reverse("intake:staff_detail", args=[world["sealed"].uuid]),
        reverse("cases:list") if _has_route("cases:list") else None,
    ):
        if url:
            assert client.get(url).status_code == 403, url
    api = APIClient()
    api.force_authenticate(personas[username])
    assert api.get("/api/v1/reports/").status_code == 403
    assert api.get(f"/api/v1/reports/{world['sealed'].uuid}/").status_code == 403
    assert api.get("/api/v1/cases/").status_code == 403


def test_the_custodian_reaches_the_reveal_page_of_sealed_reports_only(client, personas, world):
    client.force_login(personas["kustodian"])
    page = client.get(reverse("intake:reveal", args=[world["sealed"].uuid]))
    body = page.content.decode()
    assert page.status_code == 200 and world["sealed"].number in body
    assert "Camat mengarahkan" not in body and "Camat" not in body  # no report contents
    assert client.get(reverse("intake:reveal", args=[world["cso"].uuid])).status_code == 404


def _has_route(name):
    from django.urls import NoReverseMatch

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True
