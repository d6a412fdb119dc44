"""Every list endpoint × every documented integer query parameter × hostile values → 400 JSON, never a 500
(ADR 0091). The endpoints come from the OpenAPI schema, so an endpoint added later is covered without editing
this file; one with a path parameter needs a sample object below (the test says so when it is missing)."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from pantas.api.pagination import MAX_PAGE_SIZE

pytestmark = pytest.mark.django_db

HOSTILE = ["9223372036854775808", "99999999999999999999", "-1", "abc", "", "null", "1.5", " 1", "١٢"]
# Who tries each endpoint: the first of these that gets a 200 on the plain request.
CALLERS = [None, "admin", "analis", "komisioner", "penilai", "ppk.makassar", "bawaslu.sulsel", "pansel"]


def _published_cycle():
    from pantas.merit.reference import load_all
    from pantas.merit.tests import factories as merit

    load_all()
    return merit.published_cycle().pk


def _report():
    from pantas.intake.tests.factories import ReportFactory

    return ReportFactory().uuid


# Sample path arguments for list endpoints with a path parameter: path template → callable giving the value.
PATH_SAMPLES = {
    "/api/v1/public/merit/cycles/{id}/results/": _published_cycle,
    "/api/v1/reports/{uuid}/messages/": _report,
}


def _schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _list_operations():
    """(path, integer query parameter names, paginated?) for every GET with query parameters or a list body."""
    found = []
    for path, operations in _schema()["paths"].items():
        op = operations.get("get")
        if not op:
            continue
        params = [p for p in op.get("parameters", []) if p["in"] == "query"]
        body = op["responses"].get("200", {}).get("content", {}).get("application/json", {}).get("schema", {})
        is_list = body.get("type") == "array" or "Paginated" in body.get("$ref", "")
        if params or is_list:
            ints = sorted(p["name"] for p in params if p["schema"].get("type") == "integer")
            found.append((path, ints, any(p["name"] == "limit" for p in params)))
    return found


def _client_for(personas, url):
    for username in CALLERS:
        client = APIClient()
        if username:
            client.force_authenticate(personas[username])
        if client.get(url).status_code == 200:
            return client
    pytest.fail(f"no caller in {CALLERS} gets a 200 from {url}")


def _url(path):
    if "{" not in path:
        return path
    assert path in PATH_SAMPLES, f"add a sample object for {path} to PATH_SAMPLES"
    name = path[path.index("{") + 1 : path.index("}")]
    return path.replace("{" + name + "}", str(PATH_SAMPLES[path]()))


def test_the_schema_lists_the_known_list_endpoints():
    paths = {path for path, _, _ in _list_operations()}
    assert {"/api/v1/cases/", "/api/v1/reports/", "/api/v1/merit/assessments/", "/api/v1/agencies/"} <= paths
    paginated = {path for path, _, paged in _list_operations() if paged}
    assert "/api/v1/public/merit/results/" in paginated


def test_every_integer_query_parameter_refuses_hostile_values(personas):
    checked = 0
    for path, ints, paginated in _list_operations():
        url = _url(path)
        sep = "&" if "?" in url else "?"
        if path == "/api/v1/public/merit/results/":
            url, sep = f"{url}?agency=kota-73-71", "&"
        client = _client_for(personas, url)
        for name in ints:
            for value in HOSTILE:
                response = client.get(f"{url}{sep}{name}={value}")
                assert response.status_code == 400, (path, name, value, response.status_code)
                assert response["Content-Type"].startswith("application/json")
                assert name in response.json(), (path, name, value)
                checked += 1
        if paginated:
            assert client.get(f"{url}{sep}limit={MAX_PAGE_SIZE + 1}").status_code == 400
            assert client.get(f"{url}{sep}limit={MAX_PAGE_SIZE}").status_code == 200
        # Undocumented parameters are ignored, whatever they hold.
        for value in HOSTILE:
            assert client.get(f"{url}{sep}page={value}").status_code == 200, (path, value)
    assert checked >= 10 * len(HOSTILE)


def test_the_documented_maximum_page_size_is_in_the_schema():
    for path, operations in _schema()["paths"].items():
        for param in operations.get("get", {}).get("parameters", []):
            if param["name"] == "limit":
                assert param["schema"]["maximum"] == MAX_PAGE_SIZE, path


def test_huge_cycle_id_on_merit_assessments_is_a_field_error(personas):
    client = APIClient()
    client.force_authenticate(personas["penilai"])
    response = client.get("/api/v1/merit/assessments/?cycle=99999999999999999999", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"cycle": ["Must be a whole number between 1 and 2147483647."]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cases/null,null/",
        "/api/v1/no-such-thing/",
        "/api/v1/merit/assessments/99999999999999999999/",
        "/api/v1/reports/not-a-uuid/",
        "/api/",
    ],
)
def test_unresolved_api_paths_answer_json_404(url, personas):
    api = APIClient()
    api.force_authenticate(personas["penilai"])
    response = api.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


def test_a_page_outside_the_api_keeps_the_html_404(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_empty_province_lists_all_regencies_and_empty_kind_is_refused():
    api = APIClient()
    assert api.get("/api/v1/regencies/?province=").status_code == 200
    assert len(api.get("/api/v1/regencies/?province=").json()) > 500
    response = api.get("/api/v1/agencies/?kind=")
    assert response.status_code == 400 and "kind" in response.json()
    assert api.get("/api/v1/agencies/?kind=central").status_code == 200


def test_integer_path_ids_are_bounded():
    """`<int:…>` matches any digits (a huge id overflows the database): every id in a path is `<id:…>`."""
    from django.urls import get_resolver

    from pantas.core.tests.routes import _walk

    unbounded = [name for name, p in _walk(get_resolver().url_patterns) if "<int:" in str(p.pattern)]
    assert unbounded == []


def test_every_paginated_api_view_uses_the_bounded_pagination():
    from django.urls import get_resolver

    from pantas.api.pagination import Pagination
    from pantas.core.tests.routes import _walk

    for name, pattern in _walk(get_resolver().url_patterns):
        cls = getattr(pattern.callback, "cls", None)
        paginator = getattr(cls, "pagination_class", None)
        if paginator is not None:
            assert issubclass(paginator, Pagination), name


def test_api_modules_parse_query_parameters_through_the_shared_helpers():
    """`int(request.query_params[...])` or `.isdigit()` in an API module bypasses the bounds: use `api.params`."""
    import re
    from pathlib import Path

    import pantas

    root = Path(pantas.__file__).parent
    modules = [p for p in root.glob("*/api.py")] + [
        p for p in root.glob("*/api/*.py") if "tests" not in p.parts
    ]
    offenders = [
        str(p.relative_to(root))
        for p in modules
        if p.name != "params.py"
        and re.search(r"int\(\s*(self\.)?request\.query_params|\.isdigit\(\)", p.read_text())
    ]
    assert offenders == []
