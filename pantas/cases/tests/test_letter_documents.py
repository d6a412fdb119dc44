"""Letters on `core.documents` (ADR 0044): a failed render keeps the number, and approving again reuses it."""

import pytest

from pantas.core.models import Document, DocumentState

from .. import services
from ..models import Case, LetterState
from ..services import letters
from ..workflow import CaseState
from .factories import proven_case

pytestmark = pytest.mark.django_db


def test_a_failed_render_keeps_the_letter_approving_and_a_retry_reuses_its_number(personas, monkeypatch):
    case = proven_case(personas["analis"])
    real_render = letters.render_letter_pdf

    def crash(context):
        raise OSError("out of memory")

    monkeypatch.setattr(letters, "render_letter_pdf", crash)
    with pytest.raises(OSError, match="memory"):
        services.issue_recommendation(Case.objects.get(pk=case.pk), personas["komisioner"])
    case = Case.objects.get(pk=case.pk)
    letter = case.letter
    assert case.state == CaseState.PROVEN
    assert letter.state == LetterState.APPROVING and letter.number
    assert letter.document.state == DocumentState.RESERVED and letter.pdf is None
    number = letter.number

    monkeypatch.setattr(letters, "render_letter_pdf", real_render)
    case = services.issue_recommendation(case, personas["komisioner"])
    letter.refresh_from_db()
    assert case.state == CaseState.RECOMMENDED
    assert letter.state == LetterState.APPROVED and letter.number == number
    assert letter.document.state == DocumentState.ISSUED and letter.document.number == number
    assert Document.objects.filter(kind="letter").count() == 1
    assert case.recommendation.letter == letter


def test_the_public_page_of_a_letter_names_the_letter_not_the_person(client, personas):
    case = proven_case(personas["analis"], name="Rahasia Terlapor")
    case = services.issue_recommendation(case, personas["komisioner"])
    document = case.letter.document
    assert document.title == letters.LETTER_TITLE and document.addressee == case.addressee.name
    assert "Rahasia" not in f"{document.title} {document.subject} {document.addressee}"
