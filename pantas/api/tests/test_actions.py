"""The API action layer (pantas/api/actions.py) and the one error mapping (pantas/api/exceptions.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import override
from rest_framework.test import APIClient

from pantas.api.exceptions import validation_error_detail
from pantas.cases.tests.factories import CaseFactory
from pantas.cases.workflow import CaseState

pytestmark = pytest.mark.django_db


def test_validation_errors_become_field_errors():
    assert validation_error_detail(ValidationError({"reason": "Wajib.", "category": ["A", "B"]})) == {
        "reason": ["Wajib."],
        "category": ["A", "B"],
    }
    assert validation_error_detail(ValidationError("Tidak bisa.")) == {"non_field_errors": ["Tidak bisa."]}


@pytest.mark.parametrize(
    ("language", "message"),
    [("id", "Kategori pelanggaran tidak dikenal."), ("en", "Unknown violation category.")],
)
def test_service_validation_errors_answer_400_in_the_language_of_the_request(personas, language, message):
    analyst = personas["analis"]
    case = CaseFactory(state=CaseState.VERIFICATION, assignee=analyst)
    api = APIClient()
    api.force_authenticate(analyst)
    response = api.post(
        f"/api/v1/cases/{case.uuid}/start-investigation/",
        {"category": "no-such-category"},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert response.json() == {"category": [message]}


def test_action_views_are_documented_with_their_error_responses():
    from drf_spectacular.generators import SchemaGenerator

    with override("id"):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    for path in ("/api/v1/cases/{id}/verify/", "/api/v1/merit/assessments/{id}/submit/"):
        responses = schema["paths"][path]["post"]["responses"]
        assert {"200", "400", "403", "404", "409"} <= set(responses), path
