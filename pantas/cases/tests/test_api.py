import pytest
from rest_framework.test import APIClient

from pantas.core.models import IdempotencyKey

from ..models import Case
from ..workflow import CaseState
from .factories import CaseFactory, clarification_case, proven_case, received_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def url(case, action=""):
    return f"/api/v1/cases/{case.uuid}/" + (f"{action}/" if action else "")


def test_it_lists_only_visible_cases_with_the_web_filters(api, personas):
    CaseFactory.create_batch(2, state=CaseState.INVESTIGATION)
    CaseFactory(state=CaseState.REJECTED)
    api.force_authenticate(personas["komisioner"])
    response = api.get("/api/v1/cases/", {"state": "investigation"})
    assert response.status_code == 200
    assert response.json()["count"] == 2
    assert api.get("/api/v1/cases/", {"state": "nonsense"}).status_code == 400
    api.force_authenticate(personas["analis"])  # none assigned to the analyst, none in the pool
    assert api.get("/api/v1/cases/", {"state": "investigation"}).json()["count"] == 0


def test_it_runs_transitions_and_maps_errors_to_status_codes(api, personas):
    analyst = personas["analis"]
    case = received_case(analyst)
    api.force_authenticate(analyst)
    response = api.post(url(case, "verify"), {"reason": "lengkap"}, format="json")
    assert response.status_code == 200
    assert response.json()["state"] == "verification"
    # 409: verifying again is not possible from "verification"
    assert api.post(url(case, "verify"), {}, format="json").status_code == 409
    # 400: missing category is only known after the state and role checks
    no_category = CaseFactory(state=CaseState.VERIFICATION, assignee=analyst, category=None)
    response = api.post(url(no_category, "start-investigation"), {}, format="json")
    assert response.status_code == 400
    assert "category" in response.json()
    # 403: the analyst sees the case but issuing a recommendation is the decider's
    proven = proven_case(analyst)
    assert api.post(url(proven, "issue-recommendation"), {}, format="json").status_code == 403
    # 404: another analyst's case is outside the analyst's scope
    other = CaseFactory(state=CaseState.INVESTIGATION, assignee=personas["komisioner"])
    assert api.post(url(other, "resume-investigation"), {}, format="json").status_code == 404
    assert api.get(url(other)).status_code == 404


def test_it_refuses_a_stale_version_with_409(api, personas):
    analyst = personas["analis"]
    case = received_case(analyst)
    api.force_authenticate(analyst)
    assert api.post(url(case, "verify"), {"version": case.version + 5}, format="json").status_code == 409
    assert Case.objects.get(pk=case.pk).state == CaseState.RECEIVED


def test_it_replays_an_idempotent_action(api, personas):
    analyst = personas["analis"]
    case = received_case(analyst)
    api.force_authenticate(analyst)
    first = api.post(url(case, "verify"), {"reason": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    again = api.post(url(case, "verify"), {"reason": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert IdempotencyKey.objects.filter(key="k-1").count() == 1


def test_it_issues_and_serves_the_letter_pdf(api, personas):
    case = proven_case(personas["analis"])
    api.force_authenticate(personas["komisioner"])
    response = api.post(url(case, "issue-recommendation"), {}, format="json")
    assert response.status_code == 200
    rec_id = response.json()["recommendation"]["id"]
    pdf = api.get(f"/api/v1/recommendations/{rec_id}/letter.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    api.force_authenticate(personas["ppk.makassar"])
    assert api.get("/api/v1/recommendations/").json()["count"] == 1
    assert api.get(f"/api/v1/recommendations/{rec_id}/letter.pdf").status_code == 200
    api.force_authenticate(personas["ppk.kemenag"])
    assert api.get(f"/api/v1/recommendations/{rec_id}/letter.pdf").status_code == 404
    code = response.json()["letter"]["verification_code"]
    public = APIClient().get(f"/api/v1/public/letters/{code}/")
    assert public.status_code == 200
    assert set(public.json()) == {"number", "letter_date", "authority", "addressee", "sha256"}


def test_the_ppk_answers_a_clarification_through_the_api(api, personas):
    case = clarification_case(personas["analis"])
    api.force_authenticate(personas["ppk.makassar"])
    detail = api.get(url(case))
    assert detail.status_code == 200
    assert detail.json()["allowed_actions"] == ["answer-clarification"]
    assert detail.json()["reports"] == []
    response = api.post(
        url(case, "answer-clarification"), {"body": "Akun itu milik terlapor."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["clarifications"][0]["answers"][0]["body"] == "Akun itu milik terlapor."
    api.force_authenticate(personas["ppk.kemenag"])
    assert api.post(url(case, "answer-clarification"), {"body": "x"}, format="json").status_code == 404


def test_it_opens_cases_for_a_report_through_the_api(api, personas):
    from .factories import report_with_person

    report = report_with_person()
    api.force_authenticate(personas["intake"])
    response = api.post("/api/v1/cases/", {"report": str(report.uuid)}, format="json")
    assert response.status_code == 201
    assert response.json()[0]["state"] == "received"
    assert api.post("/api/v1/cases/", {"report": str(report.uuid)}, format="json").status_code == 409
    api.force_authenticate(personas["ppk.makassar"])
    assert api.post("/api/v1/cases/", {"report": str(report.uuid)}, format="json").status_code == 403
