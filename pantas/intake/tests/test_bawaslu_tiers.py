"""Bawaslu tiers (ADR 0115): Bawaslu RI reads the forwards (reports and import batches) of every province and
regency, a provincial office those of its regencies, a regency office only its own; everything else is 404.
Writes (messages, confirming an import) stay with the submitting office."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pantas.accounts.models import BawasluLevel, Organisation, OrganisationKind, RoleAssignment, User
from pantas.accounts.organisations import link_bawaslu_tiers
from pantas.core.roles import Role
from pantas.intake.models import ImportBatch, ImportStatus, Report, ReportSource

from .factories import BawasluReportFactory

pytestmark = pytest.mark.django_db


def _office(code, level, province, regency=None):
    return Organisation.objects.update_or_create(
        code=code,
        defaults={
            "name": code,
            "kind": OrganisationKind.BAWASLU,
            "bawaslu_level": level,
            "province_id": province,
            "regency_id": regency,
        },
    )[0]


@pytest.fixture
def tiers(personas):
    """RI; Sulsel with Makassar and Gowa; DKI with Jakarta Pusat — and one forward from each office."""
    offices = {
        "ri": Organisation.objects.get(code="bawaslu-ri"),
        "sulsel": Organisation.objects.get(code="bawaslu-73"),
        "makassar": Organisation.objects.get(code="bawaslu-kota-73-71"),
        "gowa": _office("bawaslu-kab-73-06", BawasluLevel.REGENCY, "73", "73.06"),
        "dki": _office("bawaslu-31", BawasluLevel.PROVINCE, "31"),
        "jakpus": _office("bawaslu-kota-31-73", BawasluLevel.REGENCY, "31", "31.73"),
    }
    link_bawaslu_tiers()
    users = {"ri": personas["bawaslu.ri"], "sulsel": personas["bawaslu.sulsel"]}
    users["makassar"] = personas["bawaslu.makassar"]
    for name in ("gowa", "dki"):
        users[name] = User.objects.create(username=f"bawaslu.{name}", organisation_id=offices[name].pk)
        RoleAssignment.objects.create(user=users[name], role=Role.BAWASLU_OFFICER)
        users[name] = User.objects.get(pk=users[name].pk)  # as a request loads it: with its organisation
    reports = {name: BawasluReportFactory(organisation=org) for name, org in offices.items()}
    batches = {
        name: ImportBatch.objects.create(
            organisation=org,
            source=ReportSource.BAWASLU,
            file_name=f"{name}.xlsx",
            status=ImportStatus.VALIDATED,
        )
        for name, org in offices.items()
    }
    return users, reports, batches


# viewer → offices whose forwards it reads (own, children, grandchildren); every other office's → 404
VISIBLE = {
    "ri": {"ri", "sulsel", "makassar", "gowa", "dki", "jakpus"},
    "sulsel": {"sulsel", "makassar", "gowa"},  # own + its regencies; not RI above, not DKI (other province)
    "makassar": {"makassar"},  # not its sibling Gowa, not its province above
    "gowa": {"gowa"},
    "dki": {"dki", "jakpus"},
}
OFFICES = ["ri", "sulsel", "makassar", "gowa", "dki", "jakpus"]
CASES = [(viewer, office) for viewer in VISIBLE for office in OFFICES]


def test_the_tiers_are_materialised_paths(tiers):
    makassar = Organisation.objects.get(code="bawaslu-kota-73-71")
    assert makassar.parent.code == "bawaslu-73"
    assert makassar.path == "/bawaslu-ri/bawaslu-73/bawaslu-kota-73-71/"
    assert set(
        Organisation.objects.within(Organisation.objects.get(code="bawaslu-73")).values_list(
            "code", flat=True
        )
    ) == {
        "bawaslu-73",
        "bawaslu-kota-73-71",
        "bawaslu-kab-73-06",
    }


@pytest.mark.parametrize(("viewer", "office"), CASES)
def test_report_pages_follow_the_tiers(client, tiers, viewer, office):
    users, reports, _batches = tiers
    client.force_login(users[viewer])
    response = client.get(reverse("intake:partner_detail", args=[reports[office].uuid]))
    assert response.status_code == (200 if office in VISIBLE[viewer] else 404)


@pytest.mark.parametrize(("viewer", "office"), CASES)
def test_import_batches_follow_the_tiers(client, tiers, viewer, office):
    users, _reports, batches = tiers
    client.force_login(users[viewer])
    response = client.get(reverse("intake:import_detail", args=[batches[office].uuid]))
    assert response.status_code == (200 if office in VISIBLE[viewer] else 404)


@pytest.mark.parametrize("viewer", sorted(VISIBLE))
def test_the_list_is_one_query_over_the_scope(tiers, viewer):
    users, reports, _batches = tiers
    assert users[viewer].role_set  # roles are read once per request, before any list
    with CaptureQueriesContext(connection) as queries:
        seen = set(Report.objects.visible_to(users[viewer]).values_list("pk", flat=True))
    assert seen == {reports[o].pk for o in VISIBLE[viewer]}
    assert len(queries) == 1  # a prefix match on the indexed path, no per-row recursion


def test_the_national_list_names_the_sending_office(client, tiers):
    users, reports, _batches = tiers
    client.force_login(users["ri"])
    body = client.get(reverse("intake:partner_list")).content.decode()
    assert reports["makassar"].number in body and "Bawaslu Kota Makassar" in body


def test_upper_tiers_read_but_do_not_write(client, tiers):
    users, reports, batches = tiers
    client.force_login(users["sulsel"])
    detail = client.get(reverse("intake:partner_detail", args=[reports["makassar"].uuid]))
    assert 'action="{}"'.format(reverse("intake:partner_message", args=[reports["makassar"].uuid])) not in (
        detail.content.decode()
    )
    message = client.post(
        reverse("intake:partner_message", args=[reports["makassar"].uuid]), {"body": "Halo"}
    )
    assert message.status_code == 404
    confirm = client.post(reverse("intake:import_confirm", args=[batches["makassar"].uuid]))
    assert confirm.status_code == 404
    own = client.post(reverse("intake:partner_message", args=[reports["sulsel"].uuid]), {"body": "Halo"})
    assert own.status_code == 302
