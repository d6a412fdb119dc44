"""The published schema says what the API does (ADR 0091): every operation documents its error statuses with the
error body, decimals are strings, list sizes are bounded, and the schema validates without warnings."""

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from pantas.api.schema import ERRORS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_validates_without_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_every_operation_documents_its_errors_with_a_body(schema):
    always = {str(s) for s, (_, on_safe) in ERRORS.items() if on_safe}
    unsafe_only = {str(s) for s, (_, on_safe) in ERRORS.items() if not on_safe}
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            expected = always | (unsafe_only if method not in {"get", "head"} else set())
            assert expected <= set(op["responses"]), (method, path)
            for status in expected:
                assert "application/json" in op["responses"][status]["content"], (method, path, status)


def test_report_persons_and_links_are_bounded_in_the_schema(schema):
    props = schema["components"]["schemas"]["ReportCreateRequest"]["properties"]
    assert (props["persons"]["minItems"], props["persons"]["maxItems"]) == (1, 50)
    assert props["links"]["maxItems"] == 30


def test_case_actions_take_json_only(schema, personas):
    body = schema["paths"]["/api/v1/cases/{id}/claim/"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json"}
    from pantas.cases.tests.factories import received_case

    case = received_case(personas["intake"])
    api = APIClient()
    api.force_authenticate(personas["analis"])
    response = api.post(
        f"/api/v1/cases/{case.uuid}/claim/", "[]", content_type="multipart/form-data; boundary=x"
    )
    assert response.status_code == 415
    response = api.post(f"/api/v1/cases/{case.uuid}/claim/", [], format="json")
    assert response.status_code == 400
    response = api.post(f"/api/v1/cases/{case.uuid}/claim/", {"version": 2**63}, format="json")
    assert response.status_code == 400 and "version" in response.json()
