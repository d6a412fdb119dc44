"""Follow-ups reached through the real services (history and audit included)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from pantas.cases.tests.factories import recommended_case

from ..models import FollowUp
from ..services import open_follow_ups

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_upload(name="sk.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def follow_up_for(personas, **person) -> FollowUp:
    """A recommendation issued to the PPK of Kota Makassar and its follow-up (awaiting)."""
    case = recommended_case(personas["analis"], personas["komisioner"], **person)
    open_follow_ups()
    return FollowUp.objects.get(case=case)
