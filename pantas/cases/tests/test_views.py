import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ..models import Case
from ..workflow import CaseState
from .factories import CaseFactory, clarification_case, proven_case, received_case, recommended_case

pytestmark = pytest.mark.django_db


def test_it_runs_the_workflow_through_the_web_forms(client, personas):
    analyst = personas["analis"]
    case = received_case(analyst)
    client.force_login(analyst)
    detail = reverse("cases:detail", args=[case.number])
    page = client.get(detail)
    assert page.status_code == 200
    assert "Mulai verifikasi" in page.content.decode()

    def act(action, **fields):
        data = {f"{action}-{k}": v for k, v in fields.items()}
        data[f"{action}-version"] = Case.objects.get(pk=case.pk).version
        return client.post(reverse("cases:action", args=[case.number, action]), data)

    assert act("verify").status_code == 302
    assert act("start-investigation", category="skb2022-a4").status_code == 302
    assert act("request-clarification", question="Apakah akun itu milik Anda?").status_code == 302
    response = act(
        "decide", outcome="proven", category="skb2022-a4", sanction="moral-tertutup", findings="Terbukti."
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.PROVEN
    preview = client.get(reverse("cases:letter_preview", args=[case.number]))
    assert preview.status_code == 200
    assert case.subject_name in preview.content.decode()


def test_it_answers_409_with_a_message_for_a_stale_form(client, personas):
    analyst = personas["analis"]
    case = received_case(analyst)
    client.force_login(analyst)
    url = reverse("cases:action", args=[case.number, "verify"])
    assert client.post(url, {"verify-version": 0}).status_code == 302
    response = client.post(url, {"verify-version": 0})
    assert response.status_code == 409
    assert "tidak dapat dilakukan" in response.content.decode()


def test_it_keeps_what_was_typed_when_the_decision_needs_a_reason(client, personas):
    analyst = personas["analis"]
    case = clarification_case(analyst)
    client.force_login(analyst)
    response = client.post(
        reverse("cases:action", args=[case.number, "decide"]),
        {
            "decide-version": case.version,
            "decide-outcome": "proven",
            "decide-category": "skb2022-a4",
            "decide-sanction": "moral-terbuka",
            "decide-findings": "Temuan penting yang tidak boleh hilang",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Temuan penting yang tidak boleh hilang" in body
    assert "alasan memilih sanksi yang berbeda" in body


def test_it_exports_exactly_the_filtered_rows(client, personas):
    CaseFactory.create_batch(3, state=CaseState.INVESTIGATION)
    CaseFactory.create_batch(2, state=CaseState.REJECTED)
    CaseFactory(state=CaseState.INVESTIGATION, subject_name='=HYPERLINK("http://x")')
    client.force_login(personas["komisioner"])
    listing = client.get(reverse("cases:list"), {"state": "investigation"})
    assert listing.context["page"].paginator.count == 4
    response = client.get(reverse("cases:export_csv"), {"state": "investigation"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1 + 4
    assert any(row[7].startswith("'=HYPERLINK") for row in rows[1:])
    response = client.get(reverse("cases:export_xlsx"), {"state": "investigation"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 4


def test_it_shows_the_addressee_its_inbox_and_the_pdf(client, personas):
    case = recommended_case(personas["analis"], personas["komisioner"])
    client.force_login(personas["ppk.makassar"])
    inbox = client.get(reverse("cases:inbox"))
    assert case.letter.number in inbox.content.decode()
    pdf = client.get(reverse("cases:letter_pdf", args=[case.recommendation.uuid]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    detail = client.get(reverse("cases:detail", args=[case.number]))
    assert detail.status_code == 200
    client.force_login(personas["ppk.kemenag"])
    assert client.get(reverse("cases:letter_pdf", args=[case.recommendation.uuid])).status_code == 404
    assert client.get(reverse("cases:detail", args=[case.number])).status_code == 404


def test_the_public_verification_page_shows_the_letter_but_not_the_person(client, personas):
    case = recommended_case(personas["analis"], personas["komisioner"], name="Rahasia Terlapor")
    letter = case.letter
    letter.refresh_from_db()
    response = client.get(reverse("core:verify_document", args=[letter.verification_code]))
    body = response.content.decode()
    assert response.status_code == 200
    assert letter.number in body
    assert letter.sha256 in body
    assert "Rahasia Terlapor" not in body
    assert case.subject_nip not in body
    upload = io.BytesIO(bytes(letter.pdf))
    upload.name = "surat.pdf"
    matched = client.post(reverse("core:verify_document", args=[letter.verification_code]), {"file": upload})
    assert "Cocok" in matched.content.decode()
    assert client.get(reverse("core:verify_document", args=["AAAA-BBBB-CCCC"])).status_code == 404


def test_it_lists_worklists_and_overdue(client, personas):
    analyst = personas["analis"]
    proven_case(analyst)
    CaseFactory(state=CaseState.INVESTIGATION, assignee=analyst, due_on="2020-01-02")
    client.force_login(analyst)
    assert client.get(reverse("cases:mine")).status_code == 200
    overdue = client.get(reverse("cases:overdue"))
    assert overdue.context["page"].paginator.count == 1
    assert client.get(reverse("cases:workflow")).status_code == 200
    assert client.get(reverse("cases:new_reports")).status_code == 200


def test_the_addressee_inbox_lists_questions_awaiting_an_answer(client, personas):
    case = clarification_case(personas["analis"])
    client.force_login(personas["ppk.makassar"])
    body = client.get(reverse("cases:inbox")).content.decode()
    assert case.number in body and "Menunggu jawaban Anda" in body
    response = client.post(
        reverse("cases:action", args=[case.number, "answer-clarification"]),
        {
            "answer-clarification-version": case.version,
            "answer-clarification-respondent": "reported_person",
            "answer-clarification-body": "Terlapor menyatakan akun itu miliknya.",
        },
    )
    assert response.status_code == 302
    assert "Sudah dijawab" in client.get(reverse("cases:inbox")).content.decode()
