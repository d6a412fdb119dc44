"""API: scoped staff endpoints, transitions through the same services (409/403/404), public results."""

import pytest
from rest_framework.test import APIClient

from pantas.merit.services import assessments as svc
from pantas.merit.services import cycles as cycle_svc

from . import factories as f


@pytest.fixture
def api():
    return APIClient()


def _as(api, personas, username):
    api.force_authenticate(personas[username])
    return api


def test_staff_endpoints_need_a_login_and_a_merit_role(api, personas, makassar):
    assessment = f.self_assessment(makassar)
    assert api.get("/api/v1/merit/cycles/").status_code == 401
    assert api.get(f"/api/v1/merit/assessments/{assessment.pk}/").status_code == 401
    assert _as(api, personas, "analis").get("/api/v1/merit/cycles/").status_code == 403


def test_an_agency_sees_only_its_own_assessments(api, personas, makassar, kemenag):
    cycle = f.open_cycle(agencies=[makassar, kemenag])
    mine = cycle.assessments.get(agency=makassar)
    theirs = cycle.assessments.get(agency=kemenag)
    client = _as(api, personas, "ppk.makassar")
    listed = client.get("/api/v1/merit/assessments/").json()["results"]
    assert [a["id"] for a in listed] == [mine.pk]
    assert client.get(f"/api/v1/merit/assessments/{theirs.pk}/").status_code == 404
    assert (
        client.put(
            f"/api/v1/merit/assessments/{theirs.pk}/answers/1.1/", {"option": None}, format="json"
        ).status_code
        == 404
    )
    assert client.post(f"/api/v1/merit/assessments/{theirs.pk}/submit/").status_code == 404
    staff = _as(api, personas, "penilai").get(f"/api/v1/merit/assessments/?cycle={cycle.pk}").json()
    assert staff["count"] == 2


def test_the_whole_workflow_runs_through_the_api(api, personas, makassar):
    assessment = f.self_assessment(makassar)
    agency = _as(APIClient(), personas, "ppk.makassar")
    base = f"/api/v1/merit/assessments/{assessment.pk}"
    for answer in svc.answers_of(assessment):
        lowest = answer.indicator.options.get(order=1)  # needs no evidence
        response = agency.put(
            f"{base}/answers/{answer.indicator.code}/", {"option": lowest.pk, "note": "ok"}, format="json"
        )
        assert response.status_code == 200, response.json()
        assert response.json()["self_option"]["score"] == "25.00"
    wrong = agency.put(f"{base}/answers/1.1/", {"option": 999999}, format="json")
    assert wrong.status_code == 400 and "option" in wrong.json()

    submitted = agency.post(f"{base}/submit/", {}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    replay = agency.post(f"{base}/submit/", {}, format="json", HTTP_IDEMPOTENCY_KEY="k1")
    assert replay.status_code == 200 and replay.json() == submitted.json()
    assert agency.post(f"{base}/submit/", {}, format="json").status_code == 409
    assert agency.post(f"{base}/send-verification/", {}, format="json").status_code == 403

    assessor = _as(APIClient(), personas, "penilai")
    first = svc.answers_of(assessment).first()
    svc.verify_answers(
        assessment, personas["penilai"], [(first, first.indicator.options.get(order=2), "Naik")]
    )
    assert assessor.post(f"{base}/send-verification/", {"reason": ""}, format="json").status_code == 200
    detail = agency.get(f"{base}/").json()
    adjusted = [a for a in detail["answers"] if a["adjusted"]]
    assert [a["indicator"] for a in adjusted] == ["1.1"] and adjusted[0]["assessor_reason"] == "Naik"

    missing = agency.post(f"{base}/reply/", {"answers": []}, format="json")
    assert missing.status_code == 400 and "1.1" in missing.json()
    reply = {"text": "Setuju", "answers": [{"indicator": "1.1", "agrees": True}]}
    assert agency.post(f"{base}/reply/", reply, format="json").json()["status"] == "replied"
    assert agency.post(f"{base}/reply/", reply, format="json").status_code == 409

    final = assessor.post(f"{base}/finalise/", {}, format="json")
    assert final.status_code == 200 and final.json()["status"] == "final"
    result = agency.get(f"{base}/").json()["result"]
    assert result["score"] == "125.00" and result["band"]["code"] == "I"


def test_verification_is_hidden_from_the_agency_until_sent(api, personas, makassar):
    assessment = f.submitted(makassar)
    first = svc.answers_of(assessment).first()
    svc.verify_answers(
        assessment, personas["penilai"], [(first, first.indicator.options.get(order=1), "Turun")]
    )
    body = _as(api, personas, "ppk.makassar").get(f"/api/v1/merit/assessments/{assessment.pk}/").json()
    assert all(a["assessor_option"] is None and not a["adjusted"] for a in body["answers"])
    assert all(a["score"] is None for a in body["aspects"])


def test_public_results_are_published_cycles_only(api, personas, makassar, kemenag):
    assessment = f.final(makassar, others=[kemenag])
    cycle = assessment.cycle
    assert api.get(f"/api/v1/public/merit/cycles/{cycle.pk}/").status_code == 404
    assert api.get(f"/api/v1/public/merit/cycles/{cycle.pk}/results/").status_code == 404
    assert api.get("/api/v1/public/merit/results/?agency=kota-73-71").json()["count"] == 0
    cycle_svc.publish_cycle(cycle, personas["penilai"])
    listed = api.get("/api/v1/public/merit/cycles/").json()["results"]
    entry = next(c for c in listed if c["id"] == cycle.pk)
    band = assessment.result.band
    assert {b["code"]: b["count"] for b in entry["band_counts"]}[band.code] == 1
    ranking = api.get(f"/api/v1/public/merit/cycles/{cycle.pk}/results/").json()["results"]
    assert len(ranking) == 1 and ranking[0]["rank"] == 1 and ranking[0]["agency"]["code"] == "kota-73-71"
    assert len(ranking[0]["aspects"]) == 2
    history = api.get("/api/v1/public/merit/results/?agency=kota-73-71").json()
    assert history["count"] == 1 and history["results"][0]["band"]["code"] == band.code
    assert api.get("/api/v1/public/merit/results/").status_code == 400


def test_the_merit_endpoints_are_in_the_openapi_schema(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for path in [
        "/api/v1/merit/cycles/",
        "/api/v1/merit/assessments/{id}/",
        "/api/v1/merit/assessments/{id}/submit/",
        "/api/v1/merit/assessments/{id}/reply/",
        "/api/v1/public/merit/cycles/{id}/results/",
        "/api/v1/public/merit/results/",
    ]:
        assert path in schema, path


def test_decimals_are_strings_as_the_schema_declares(api, personas, makassar):
    """`BandCount.min_score` and `AspectScore.self_score` are decimal strings in the schema: so in the body."""
    cycle = f.published_cycle(agencies=[makassar])
    entry = next(c for c in api.get("/api/v1/public/merit/cycles/").json()["results"] if c["id"] == cycle.pk)
    assert all(
        isinstance(b["min_score"], str) and isinstance(b["max_score"], str) for b in entry["band_counts"]
    )
    assessment = cycle.assessments.get(agency=makassar)
    body = _as(api, personas, "penilai").get(f"/api/v1/merit/assessments/{assessment.pk}/").json()
    assert body["aspects"] and all(
        isinstance(a["self_score"], str) and isinstance(a["max_score"], str) for a in body["aspects"]
    )
