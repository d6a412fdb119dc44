"""Staff lists run a fixed number of queries however many rows the page shows (no N+1), and the PPK inbox never
reads the letters' PDF bytes (ADR 0132)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from pantas.followup.services import escalate
from pantas.followup.tests.factories import follow_up_for
from pantas.intake.tests.factories import ReportedPersonFactory

from .factories import CaseFactory

pytestmark = pytest.mark.django_db


def _queries(client, url, data=None) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200, url
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def _same_queries_for_more_rows(client, url, add_rows, data=None):
    _queries(client, url, data)  # warm per-process caches (roles, reference look-ups)
    before, _ = _queries(client, url, data)
    add_rows()
    after, sql = _queries(client, url, data)
    assert after == before, "\n".join(sql)
    return sql


def test_case_list_and_api(client, personas):
    client.force_login(personas["komisioner"])
    CaseFactory()
    _same_queries_for_more_rows(client, reverse("cases:list"), lambda: [CaseFactory() for _ in range(4)])
    api = APIClient()
    api.force_authenticate(personas["komisioner"])
    _same_queries_for_more_rows(api, "/api/v1/cases/", lambda: [CaseFactory() for _ in range(4)])


def test_case_list_of_an_analyst(client, personas):
    """The analyst's scope is a UNION of four branches (own, team, pool): still a fixed number of queries."""
    client.force_login(personas["analis"])
    CaseFactory(assignee=None)
    _same_queries_for_more_rows(
        client, reverse("cases:list"), lambda: [CaseFactory(assignee=personas["analis"]) for _ in range(3)]
    )


def test_intake_report_list_counts_suggestions_for_the_page_only(client, personas):
    client.force_login(personas["intake"])
    ReportedPersonFactory()
    sql = _same_queries_for_more_rows(
        client, reverse("intake:staff_list"), lambda: [ReportedPersonFactory() for _ in range(4)]
    )
    grouped = [q for q in sql if "intake_duplicatesuggestion" in q]
    assert grouped and all("GROUP BY" not in q or "IN (" in q for q in grouped)


def test_inbox_follow_up_list_and_blocking_queue(client, personas):
    first = follow_up_for(personas)
    client.force_login(personas["ppk.makassar"])
    inbox = reverse("cases:inbox")
    _queries(client, inbox)
    before, sql = _queries(client, inbox)
    # The list never loads PDF bytes: the column appears only in the "has a PDF" test.
    pdf_reads = [q for q in sql if q.count('"pdf"') != q.count('"pdf" IS NOT NULL')]
    assert not pdf_reads, pdf_reads
    letter_pdf = reverse("cases:letter_pdf", args=[first.recommendation.uuid])
    assert letter_pdf in client.get(inbox).content.decode()  # whether a PDF exists, without its bytes
    second = follow_up_for(personas, nip="199001012015011002")
    after, sql = _queries(client, inbox)
    assert after == before, "\n".join(sql)

    client.force_login(personas["komisioner"])
    listing = reverse("followup:list")
    _queries(client, listing)
    before, _ = _queries(client, listing)
    escalate(first, None)
    queue = reverse("followup:blocking")
    _queries(client, queue)
    one, _ = _queries(client, queue)
    escalate(second, None)
    two, sql = _queries(client, queue)
    assert two == one, "\n".join(sql)
    assert _queries(client, listing)[0] == before
