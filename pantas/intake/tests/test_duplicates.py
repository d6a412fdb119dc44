"""Duplicate suggestions on intake: same ASN (NIP, or name + agency), same evidence link or file hash,
near-identical text (MinHash bands, on every database); computed by a task after the submission
commits; staff link or dismiss, compare-and-set."""

import pytest
from django.test import TestCase

from pantas.core.errors import InvalidTransition, NotAllowed
from pantas.intake.models import DuplicateSuggestion
from pantas.intake.security.files import check_upload
from pantas.intake.services import duplicates, text
from pantas.intake.services.submit import LinkInput, PersonInput, ReportInput, submit_report
from pantas.registry.models import Agency

from .conftest import jpeg_with_gps, upload

pytestmark = pytest.mark.django_db

TEXT = (
    "Kepala Dinas Pendidikan Kota Makassar menghadiri deklarasi pasangan calon wali kota nomor urut dua "
    "dan mengacungkan dua jari bersama para guru di Lapangan Karebosi pada hari Minggu pagi."
)


def _submit(description="Uraian unik nomor {n}", person=None, links=(), files=(), n=[0]):  # noqa: B006
    n[0] += 1
    # The suggestion task is enqueued on commit; the test transaction never commits, so run the callbacks.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return submit_report(
            ReportInput(
                description=description.format(n=n[0]),
                persons=[person or PersonInput(name=f"Orang Berbeda {n[0]}")],
                links=list(links),
                files=list(files),
                anonymity="anonymous",
            )
        ).report


def _reasons(report):
    return {s.candidate_id: set(s.reasons) for s in DuplicateSuggestion.objects.filter(report=report)}


def test_same_nip_is_suggested():
    first = _submit(person=PersonInput(name="Andi", nip="198501012010011001"))
    second = _submit(person=PersonInput(name="Andi B.", nip="198501012010011001"))
    assert _reasons(second) == {first.pk: {"nip"}}
    assert _reasons(first) == {}


def test_suggestions_are_made_after_the_submission_commits(monkeypatch):
    first = _submit(person=PersonInput(name="Andi", nip="198501012010011001"))
    calls = []
    real = duplicates.suggest_for
    monkeypatch.setattr(duplicates, "suggest_for", lambda r: calls.append(r.pk) or real(r))
    with TestCase.captureOnCommitCallbacks() as callbacks:
        second = submit_report(
            ReportInput(
                description="Uraian lain",
                persons=[PersonInput(name="Andi", nip="198501012010011001")],
                anonymity="anonymous",
            )
        ).report
    # Submitted and committed (from the service's point of view): no suggestion computed inside it.
    assert calls == [] and _reasons(second) == {}
    for callback in callbacks:
        callback()
    assert calls == [second.pk]
    assert _reasons(second) == {first.pk: {"nip"}}


def test_same_name_and_agency_is_suggested_case_and_space_insensitively():
    agency = Agency.objects.get(code="kota-73-71")
    first = _submit(person=PersonInput(name="Hj.  Ramlah Daeng", agency=agency))
    second = _submit(person=PersonInput(name="hj. ramlah daeng", agency=agency))
    other_agency = _submit(
        person=PersonInput(name="Hj. Ramlah Daeng", agency=Agency.objects.get(code="kemenag"))
    )
    assert _reasons(second) == {first.pk: {"name_agency"}}
    assert first.pk not in _reasons(other_agency)


def test_same_evidence_link_is_suggested_ignoring_tracking_parameters():
    first = _submit(links=[LinkInput(url="https://www.facebook.com/budi/posts/123?fbclid=abc")])
    second = _submit(links=[LinkInput(url="https://m.facebook.com/budi/posts/123/")])
    assert _reasons(second) == {first.pk: {"url"}}


def test_same_file_hash_is_suggested():
    photo = jpeg_with_gps()
    first = _submit(files=[check_upload(upload("a.jpg", photo))])
    second = _submit(files=[check_upload(upload("b.jpg", photo))])
    assert _reasons(second) == {first.pk: {"file_hash"}}


def test_near_identical_text_is_suggested():
    first = _submit(description=TEXT)
    second = _submit(description=TEXT.replace("Minggu", "Sabtu"))
    unrelated = _submit(
        description="Sekretaris desa menerima pungutan liar untuk pengurusan surat keterangan tidak mampu di kantor desa setempat."
    )
    assert "text" in _reasons(second)[first.pk]
    assert first.pk not in _reasons(unrelated)


def test_short_texts_are_not_compared():
    assert text.band_values("ASN kampanye") == (0, 0, 0, 0)
    first = _submit(description="ASN kampanye")
    second = _submit(description="ASN kampanye")
    assert first.pk not in _reasons(second)


def test_minhash_signatures_are_stable_and_a_band_collision_alone_is_not_enough():
    assert text.band_values(TEXT) == text.band_values(TEXT.upper())
    first = _submit(description=TEXT)
    # Same bands forced onto an unrelated text: the exact Jaccard check still refuses it.
    other = _submit(
        description="Sekretaris desa menerima pungutan liar saat pengurusan surat keterangan di kantor desa."
    )
    type(other).objects.filter(pk=other.pk).update(**text.band_fields(TEXT))
    other.refresh_from_db()
    assert first.pk not in duplicates.candidates(other)


def test_reworded_text_is_found_by_its_minhash_bands_on_every_database():
    first = _submit(description=TEXT)
    second = _submit(
        description=TEXT.replace("Kepala Dinas Pendidikan", "Kadis Pendidikan").replace("pagi", "siang")
    )
    assert "text" in _reasons(second).get(first.pk, set())


def test_link_and_dismiss_are_compare_and_set(personas):
    first = _submit(person=PersonInput(name="Andi", nip="198501012010011001"))
    second = _submit(person=PersonInput(name="Andi", nip="198501012010011001"))
    suggestion = DuplicateSuggestion.objects.get(report=second)
    duplicates.link_reports(second, first, personas["analis"], suggestion=suggestion)
    with pytest.raises(InvalidTransition):
        duplicates.dismiss_suggestion(suggestion, personas["analis"])
    with pytest.raises(InvalidTransition):
        duplicates.link_reports(second, first, personas["intake"])
    with pytest.raises(NotAllowed):
        duplicates.link_reports(first, second, personas["cso.pattiro"])


def test_suggesting_twice_keeps_one_row_per_pair():
    first = _submit(person=PersonInput(name="Andi", nip="198501012010011001"))
    second = _submit(person=PersonInput(name="Andi", nip="198501012010011001"))
    duplicates.suggest_for(second)
    assert DuplicateSuggestion.objects.filter(report=second, candidate=first).count() == 1
