import io
import re

import pytest
from django.db import DatabaseError, connection, transaction
from django.template.loader import render_to_string
from pypdf import PdfReader

from pantas.core.audit import events_for
from pantas.core.errors import InvalidTransition
from pantas.core.pdf import STATIC_BASE, StaticOnlyFetcher

from .. import services
from ..models import LetterState, RecommendationLetter
from ..pdf import LETTER_TEMPLATE
from ..services.letters import draft_letter, letter_context
from .factories import proven_case, recommended_case

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_letter_pdf_carries_number_addressee_sanction_and_verification(personas):
    case = recommended_case(personas["analis"], personas["komisioner"], name="Andi Pratama")
    letter = RecommendationLetter.objects.get(case=case)
    text = " ".join(pdf_text(bytes(letter.pdf)).split())
    assert letter.number in text
    assert letter.number.startswith("B-") and "/BKN/WASDAL/" in letter.number
    assert "Andi Pratama" in text
    assert "Wali Kota Makassar" in text  # the PPK of the reported ASN's agency
    assert "Sanksi moral" in text
    assert letter.verification_code in text
    assert letter.authority.code == "bkn"  # received after 17 Sep 2024
    assert "Badan Kepegawaian Negara" in text
    event = events_for(case).get(action="cases.case.recommendation_issued")
    assert event.data["sha256"] == letter.sha256


def test_letter_numbers_run_per_authority_and_year(personas):
    first = recommended_case(personas["analis"], personas["komisioner"], nip="198609262015051001")
    second = recommended_case(personas["analis"], personas["komisioner"], nip="199001012015051002")
    n1 = RecommendationLetter.objects.get(case=first).number
    n2 = RecommendationLetter.objects.get(case=second).number
    assert int(n2.split("/")[0][2:]) == int(n1.split("/")[0][2:]) + 1


def test_an_approved_letter_never_changes(personas):
    case = recommended_case(personas["analis"], personas["komisioner"])
    letter = RecommendationLetter.objects.get(case=case)
    assert letter.state == LetterState.APPROVED
    with pytest.raises(InvalidTransition):
        draft_letter(case, personas["analis"], case.current_decision)
    with pytest.raises(InvalidTransition):
        services.edit_letter(case, personas["komisioner"], subject="Lain", body="Lain")
    assert RecommendationLetter.objects.get(pk=letter.pk).sha256 == letter.sha256


def test_the_draft_can_be_edited_and_the_edit_is_audited(personas):
    case = proven_case(personas["analis"])
    services.edit_letter(
        case, personas["analis"], subject="Perihal baru", body="Paragraf satu.\n\nParagraf dua."
    )
    letter = RecommendationLetter.objects.get(case=case)
    assert (letter.subject, letter.state) == ("Perihal baru", LetterState.DRAFT)
    assert events_for(case).filter(action="cases.case.letter_edited").count() == 1


def test_the_letter_links_only_static_files_the_pdf_fetcher_serves(personas):
    """The fetcher itself is tested in core (test_pdf); here: what the letter template links is served."""
    case = recommended_case(personas["analis"], personas["komisioner"])
    letter = RecommendationLetter.objects.get(case=case)
    context = {**letter_context(case, letter), "static_base": STATIC_BASE, "for_pdf": True}
    links = re.findall(r'(?:href|src)="([^"#]+)"', render_to_string(LETTER_TEMPLATE, context))
    assert links == [f"{STATIC_BASE}pantas/cases-letter.css"]
    assert b".letter" in StaticOnlyFetcher().fetch(links[0]).read()


def test_the_audit_table_is_append_only_on_this_database(personas):
    case = proven_case(personas["analis"])
    event = events_for(case).last()
    for statement in (
        "UPDATE core_auditevent SET reason = 'diubah' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    event.refresh_from_db()
    assert event.reason != "diubah"


def test_the_issued_letter_is_emailed_to_the_addressee_outside_the_request(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    from pantas.accounts.models import Organisation

    Organisation.objects.filter(code="ppk-kota-73-71").update(email="bkpsdm@makassarkota.go.id")
    case = proven_case(personas["analis"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.issue_recommendation(case, personas["komisioner"])
    # One e-mail callback after the commit (other apps may add their own, e.g. the public data version bump).
    assert len([c for c in callbacks if "issue_recommendation" in c.__qualname__]) == 1
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    letter = RecommendationLetter.objects.get(case=case)
    assert message.to == ["bkpsdm@makassarkota.go.id"]
    assert letter.number in message.subject
    assert message.attachments[0][2] == "application/pdf"
    case.recommendation.refresh_from_db()
    assert case.recommendation.emailed_at is not None
    assert events_for(case.recommendation).filter(action="cases.recommendation.emailed").count() == 1


def test_the_letter_pdf_carries_signatory_and_tembusan_of_the_active_authority(personas):
    """ADR 0117: position and tembusan from the authority's convention on the letter's date; name and NIP of
    the approving decider. A regional agency's letter copies Kemendagri, not KemenPANRB."""
    case = recommended_case(personas["analis"], personas["komisioner"], name="Andi Pratama")
    letter = RecommendationLetter.objects.get(case=case)
    assert letter.authority.code == "bkn"
    text = " ".join(pdf_text(bytes(letter.pdf)).split())
    assert "Deputi Bidang Pengawasan dan Pengendalian," in text
    assert "Dr. Hendra Kusuma" in text and "NIP 197503122000031001" in text, text[-900:]
    assert "Tembusan:" in text
    assert "Kepala Badan Kepegawaian Negara (sebagai laporan)" in text
    assert "Menteri Dalam Negeri c.q. Inspektur Jenderal" in text
    assert "Ketua Badan Pengawas Pemilihan Umum" in text  # a neutrality case
    assert "Menteri Pendayagunaan Aparatur Negara" not in text  # Kota Makassar is a regional agency


def test_the_convention_is_versioned_by_date(personas):
    from datetime import date

    from pantas.registry.models import Authority, LetterConvention

    kasn, bkn = Authority.objects.get(code="kasn"), Authority.objects.get(code="bkn")
    assert LetterConvention.objects.for_authority(kasn, date(2020, 1, 1)).signatory_position.startswith(
        "Ketua"
    )
    assert LetterConvention.objects.for_authority(bkn, date(2020, 1, 1)) is None
    LetterConvention.objects.create(
        authority=bkn,
        valid_from=date(2026, 1, 1),
        signatory_position="Kepala BKN",
        copies=[],
        legal_source="uji",
    )
    assert LetterConvention.objects.for_authority(bkn, date(2025, 12, 31)).signatory_position.startswith(
        "Deputi"
    )
    assert LetterConvention.objects.for_authority(bkn, date(2026, 1, 2)).signatory_position == "Kepala BKN"
