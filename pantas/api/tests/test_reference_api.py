import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_provinces_lists_all_38(api):
    response = api.get("/api/v1/provinces/")
    assert response.status_code == 200
    assert len(response.json()) == 38
    assert {"code": "73", "name": "Sulawesi Selatan"} in response.json()


def test_regencies_filter_by_province(api):
    response = api.get("/api/v1/regencies/?province=73")
    data = response.json()
    assert response.status_code == 200
    assert len(data) == 24
    assert {"code": "73.71", "province": "73", "name": "Kota Makassar", "kind": "kota"} in data


def test_unknown_province_code_is_a_field_error_not_a_500(api):
    response = api.get("/api/v1/regencies/?province=99")
    assert response.status_code == 400
    assert "province" in response.json()


def test_agencies_search_and_kind(api):
    data = api.get("/api/v1/agencies/?q=makassar").json()
    assert [a["code"] for a in data] == ["kota-73-71"]
    central = api.get("/api/v1/agencies/?kind=central").json()
    assert all(a["kind"] == "central" for a in central)
    assert any(a["code"] == "kemenpanrb" for a in central)
    assert api.get("/api/v1/agencies/?kind=planet").status_code == 400


def test_elections(api):
    data = api.get("/api/v1/elections/").json()
    assert [e["code"] for e in data] == ["pemilu-2019", "pilkada-2020", "pemilu-2024", "pilkada-2024"]


def test_nip_validate_returns_parts(api):
    response = api.post("/api/v1/nip/validate/", {"nip": "19860926 201505 1 001"}, format="json")
    assert response.json() == {
        "nip": "198609262015051001",
        "valid": True,
        "errors": [],
        "warnings": [],
        "birth_date": "1986-09-26",
        "appointment": "2015-05",
        "gender": "male",
    }


def test_nip_validate_explains_each_problem_in_indonesian_and_english(api):
    response = api.post("/api/v1/nip/validate/", {"nip": "198609262015133000"}, format="json")
    body = response.json()
    assert response.status_code == 200
    assert body["valid"] is False
    assert [e["code"] for e in body["errors"]] == ["appointment_month", "gender", "serial"]
    assert "harus 01–12" in body["errors"][0]["message"]
    english = api.post(
        "/api/v1/nip/validate/", {"nip": "198609262015133000"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "must be 01–12" in english.json()["errors"][0]["message"]


def test_nip_validate_rejects_a_bad_employee_type(api):
    response = api.post("/api/v1/nip/validate/", {"nip": "1", "employee_type": "honorer"}, format="json")
    assert response.status_code == 400
    assert "employee_type" in response.json()


def test_schema_and_docs_are_served_without_external_assets(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/provinces/" in schema.content
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
