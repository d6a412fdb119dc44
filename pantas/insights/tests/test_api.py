"""The staff stats API: scoped to supervisor roles, same figures as the layer, no personal data."""

import json

import pytest

from pantas.cases.models import Case
from pantas.cases.tests.factories import proven_case, recommended_case

from ..stats import Query

pytestmark = pytest.mark.django_db
URL = "/api/v1/stats/"


@pytest.fixture
def data(personas):
    proven_case(personas["analis"])
    recommended_case(personas["analis"], personas["komisioner"])


def test_stats_api_matches_the_layer_and_never_returns_personal_data(client, personas, data):
    client.force_login(personas["komisioner"])
    response = client.get(URL, {"group_by": "agency,month,source", "agency": "kota-73-71"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"]["reported"] == Query(filters={"agency": "kota-73-71"}).total()["reported"] == 2
    assert body["rows"][0]["group"]["agency"] == "kota-73-71"
    text = json.dumps(body)
    for case in Case.objects.all():
        for secret in (case.subject_name, case.subject_nip, case.number, str(case.uuid), f'"id": {case.pk}'):
            assert secret not in text
    assert "name" not in {k for row in body["rows"] for k in row}


def test_stats_api_validates_and_is_scoped(client, personas):
    client.force_login(personas["komisioner"])
    assert client.get(URL, {"group_by": "subject_name"}).status_code == 400
    assert client.get(URL, {"as_of": "2024-13-01"}).status_code == 400
    client.force_login(personas["ppk.makassar"])
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code in (401, 403)
