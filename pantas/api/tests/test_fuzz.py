"""P-20: the API contract holds under fuzzing (issue 13 §1, ADR 0120).

Schemathesis generates requests for every operation of the published OpenAPI schema (loaded from the app's own
`/api/v1/schema/`) and sends them in-process through Django's WSGI handler, in the test's transaction, on SQLite and
on PostgreSQL. Three callers: anonymous, a PPK office (Kota Makassar) and a Bawaslu office (Sulawesi Selatan), each
with its own bearer token, and each organisation seeded with objects of its own; path parameters are drawn from
random values and from the caller's own objects, so actions really run against real states. Checks on every
response: no 5xx, the status code is documented, the content type is documented, the body validates against the
schema. The example count is bounded (`EXAMPLES` per operation and caller, derandomised, no shrinking) so the fuzz
stays around a minute per database.

The cross-organisation test walks the schema's path list: every operation with an object in its path is called by
four organisations of three kinds with the id of every seeded object, and an object outside the caller's
`visible_to` scope must answer 403 or 404 (never 2xx, and never 409, which would reveal that it exists).
"""

import re

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from pantas.accounts.models import ApiToken
from pantas.cases.models import Case, Recommendation, Referral
from pantas.cases.tests.factories import received_case
from pantas.followup.models import BlockingRequest, FollowUp, PPKReport
from pantas.followup.services.blocking import escalate
from pantas.followup.tests.factories import follow_up_for
from pantas.intake.models import Report
from pantas.intake.tests.factories import BawasluReportFactory, CsoReportFactory
from pantas.merit.models import Assessment, AssessmentCycle
from pantas.merit.tests import factories as merit
from pantas.registry.models import Agency

pytestmark = pytest.mark.django_db
SCHEMA_URL = "/api/v1/schema/?format=json"
EXAMPLES = 4  # per operation and caller; anonymous callers get 2 on operations that need a login
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Object paths of the schema → the model whose `visible_to` scopes them and the field the path carries.
OBJECT_PATHS = {
    r"^/api/v1/cases/\{id\}/": (Case, "uuid"),
    r"^/api/v1/recommendations/\{id\}/": (Recommendation, "uuid"),
    r"^/api/v1/referrals/\{id\}/": (Referral, "uuid"),
    r"^/api/v1/follow-ups/\{id\}/": (FollowUp, "uuid"),
    r"^/api/v1/blocking-requests/\{id\}/": (BlockingRequest, "uuid"),
    r"^/api/v1/ppk-reports/\{id\}/": (PPKReport, "uuid"),
    r"^/api/v1/reports/\{uuid\}/": (Report, "uuid"),
    r"^/api/v1/merit/assessments/\{id\}/": (Assessment, "pk"),
    r"^/api/v1/merit/cycles/\{id\}/": (AssessmentCycle, "pk"),
}
PUBLIC_PATHS = r"^/api/v1/public/"
TENANTS = ("ppk.makassar", "bawaslu.sulsel", "cso.pattiro", "ppk.kemenag")


@pytest.fixture
def app():
    """Django's WSGI handler without the per-request connection closing (as Django's test client does), so every
    request runs inside the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(personas):
    """Objects of several organisations: a Makassar case through recommendation, letter, follow-up, blocking
    request and PPK report; a Kemenag case; Bawaslu and CSO reports; merit assessments of Makassar and Kemenag."""
    follow_up = follow_up_for(personas)
    escalate(follow_up, None)
    kemenag = Agency.objects.get(code="kemenag")
    received_case(personas["intake"], agency=kemenag, nip="198703152010011002")
    BawasluReportFactory()
    CsoReportFactory()
    merit.open_cycle(agencies=[Agency.objects.get(code="kota-73-71"), kemenag])
    return follow_up


def _token(user) -> str:
    return ApiToken.issue(user, "fuzz")[1]


def _own_ids(user) -> dict[str, list]:
    """The caller's own object ids per path pattern, so that fuzzed actions hit real objects too."""
    return {
        pattern: [str(getattr(obj, field)) for obj in model.objects.visible_to(user)[:3]]
        for pattern, (model, field) in OBJECT_PATHS.items()
    }


def _strategy(operation, own):
    strategy = operation.as_strategy()
    names = [p.name for p in operation.path_parameters]
    for pattern, ids in own.items():
        if ids and re.match(pattern, operation.path) and len(names) == 1:
            fixed = [operation.as_strategy(path_parameters={names[0]: i}) for i in ids]
            strategy = st.one_of(strategy, *fixed)
    return strategy


def _fuzz(schema, headers, own) -> list[str]:
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        security = operation.definition.raw.get("security", schema.raw_schema.get("security", []))
        anonymous_only_401 = not headers and {} not in security and bool(security)

        @settings(
            max_examples=2 if anonymous_only_401 else EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=_strategy(operation, own))
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except Exception as exc:  # every operation's failure, reported together
            failures.append(f"{operation.label}: {exc}")
    return failures


@pytest.mark.parametrize("who", [None, "ppk.makassar", "bawaslu.sulsel"])
def test_the_api_contract_holds_under_fuzzing(app, personas, seeded, who):
    schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, app)
    assert len(list(schema.get_all_operations())) >= 60
    headers, own = {}, {}
    if who:
        user = personas[who]
        headers = {"Authorization": f"Bearer {_token(user)}"}
        own = _own_ids(user)
        assert any(own.values()), "each organisation is seeded with objects of its own"
    failures = _fuzz(schema, headers, own)
    assert not failures, "\n\n".join(failures)


def _object_operations(schema_paths):
    for path, operations in schema_paths.items():
        if re.match(PUBLIC_PATHS, path):
            continue
        for pattern, (model, field) in OBJECT_PATHS.items():
            if re.match(pattern, path):
                for method in operations:
                    if method in {"get", "post", "put", "patch", "delete"}:
                        yield method, path, model, field


def _url(path, value):
    url = re.sub(r"\{(id|uuid)\}", value, path, count=1)
    return url.replace("{indicator}", "1.1")


def test_no_organisation_reaches_another_organisations_objects(app, personas, seeded):
    schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, app).raw_schema
    operations = list(_object_operations(schema["paths"]))
    assert {path for _, path, _, _ in operations} >= {"/api/v1/cases/{id}/", "/api/v1/reports/{uuid}/"}
    probed, seen, leaks = 0, set(), []
    for who in TENANTS:
        user = personas[who]
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {_token(user)}")
        for method, path, model, field in operations:
            visible = set(model.objects.visible_to(user).values_list(field, flat=True))
            for value in model.objects.values_list(field, flat=True):
                url = _url(path, str(value))
                response = getattr(client, method)(url, {}, format="json")
                if value in visible:
                    if method == "get" and response.status_code == 200:
                        seen.add((who, model.__name__))
                    continue
                probed += 1
                if response.status_code not in (403, 404):
                    leaks.append(f"{who} {method.upper()} {url} → {response.status_code}")
    assert not leaks, "\n".join(leaks)
    assert probed > 200
    # The probes are meaningful: every organisation reads some objects of its own through the same paths.
    assert {who for who, _ in seen} == set(TENANTS), seen
