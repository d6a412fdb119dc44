"""Blocking requests and PPK reports are numbered, verifiable `core.Document`s (issue 9, ADR 0044): reserved in
the escalation, rendered and stored after it commits; the public page names no person; numbering continues."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pantas.core import numbering, workflow
from pantas.core.models import Document

from .. import documents, services
from ..models import BlockingRequest, PPKReport
from .factories import follow_up_for

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_escalation_issues_verifiable_documents_after_commit(
    client, personas, django_capture_on_commit_callbacks
):
    follow_up = follow_up_for(personas)
    with django_capture_on_commit_callbacks(execute=True):
        services.escalate(follow_up, None)
    blocking = BlockingRequest.objects.select_related("document").get(follow_up=follow_up)
    report = PPKReport.objects.select_related("document", "addressee").get(follow_up=follow_up)
    for row, kind in ((blocking, documents.BLOCKING_KIND), (report, documents.PPK_REPORT_KIND)):
        assert row.document.is_issued and row.document.sha256 and row.document.kind == kind
        assert row.document.number == row.number
    code = blocking.document.verification_code
    text = _text(bytes(blocking.document.pdf))
    assert code in text and blocking.number in text and documents.verify_url(code) in text.replace("\n", "")

    # Downloads serve the stored bytes.
    client.force_login(personas["bkn"])
    response = client.get(reverse("followup:blocking_pdf", args=[blocking.uuid]))
    assert response.status_code == 200 and response.content == bytes(blocking.document.pdf)

    # The public page shows the document, never the ASN or the PPK's people.
    client.logout()
    page = client.get(reverse("core:verify_document", args=[code])).content.decode()
    assert blocking.number in page and "Badan Kepegawaian Negara" in page
    assert follow_up.nip not in page and follow_up.case.subject_name not in page
    assert (
        report.addressee.name
        in client.get(
            reverse("core:verify_document", args=[report.document.verification_code])
        ).content.decode()
    )


def test_download_before_the_task_issues_the_document_once(client, personas):
    follow_up = follow_up_for(personas)
    services.escalate(follow_up, None)  # no commit in this test: the task has not run
    blocking = BlockingRequest.objects.select_related("document").get(follow_up=follow_up)
    assert not blocking.document.is_issued
    client.force_login(personas["bkn"])
    first = client.get(reverse("followup:blocking_pdf", args=[blocking.uuid])).content
    document = Document.objects.get(pk=blocking.document_id)
    assert document.is_issued and bytes(document.pdf) == first
    assert document.verification_code in _text(first)
    assert client.get(reverse("followup:blocking_pdf", args=[blocking.uuid])).content == first


def test_numbering_continues_the_former_series(personas):
    from django.db import transaction

    year = timezone.localdate(workflow.now()).year
    with transaction.atomic():
        last = numbering.reserve("followup-blocking", "", year, 4) + 3
        last_report = numbering.reserve("followup-ppk-report", "", year)
    follow_up = follow_up_for(personas)
    services.escalate(follow_up, None)
    blocking = BlockingRequest.objects.get(follow_up=follow_up)
    report = PPKReport.objects.get(follow_up=follow_up)
    assert blocking.number == f"PBD-{year}-{last + 1:06d}"
    assert report.number == f"LPK-{year}-{last_report + 1:06d}"
