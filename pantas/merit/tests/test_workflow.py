"""The assessment workflow through its service functions: states, roles, reply once, deadlines, audit."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pantas.core.errors import InvalidTransition, NotAllowed
from pantas.core.models import AuditEvent
from pantas.merit.models import Assessment, AssessmentStatus, CycleStatus, Result
from pantas.merit.services import assessments as svc
from pantas.merit.services import cycles as cycle_svc

from . import factories as f

S = AssessmentStatus


def test_it_runs_the_whole_cycle_and_publishes_the_band(personas, makassar):
    assessment = f.self_assessment(makassar)
    f.answer_all(assessment, target=350)
    svc.submit(assessment, personas["ppk.makassar"])
    assert assessment.status == S.SUBMITTED and assessment.self_score == Decimal("350")

    first = svc.answers_of(assessment).first()
    lower = first.indicator.options.get(order=1)  # 25 instead of the agency's answer
    svc.verify_answers(assessment, personas["penilai"], [(first, lower, "SK belum ditandatangani")])
    svc.send_verification(assessment, personas["penilai"])
    assert assessment.status == S.VERIFIED and assessment.reply_due > timezone.localdate()

    svc.reply(
        assessment, personas["ppk.makassar"], text="Terima kasih", answers={first.pk: (False, "SK terlampir")}
    )
    assert assessment.status == S.REPLIED
    result = svc.finalise(assessment, personas["penilai"])
    first.refresh_from_db()
    expected = Decimal("350") - first.self_option.score + lower.score
    assert result.score == expected
    assert result.band.code == ("IV" if expected >= 325 else "III")
    assert result.aspect_scores.count() == 2
    assert sum(a.score for a in result.aspect_scores.all()) == expected

    cycle_svc.publish_cycle(assessment.cycle, personas["penilai"])
    assert Result.objects.visible_to(AnonymousUser()).filter(pk=result.pk).exists()
    history = list(assessment.history.values_list("new", flat=True))
    assert history == [S.SELF_ASSESSMENT, S.SUBMITTED, S.VERIFIED, S.REPLIED, S.FINAL]
    actions = set(
        AuditEvent.objects.filter(object_type="merit.assessment", object_id=str(assessment.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"merit.assessment.submitted", "merit.assessment.verified", "merit.assessment.replied"} <= actions
    assert "merit.assessment.finalised" in actions


def test_results_are_not_public_before_the_cycle_is_published(personas, makassar):
    assessment = f.final(makassar)
    assert assessment.cycle.status == CycleStatus.OPEN
    assert not Result.objects.visible_to(AnonymousUser()).exists()
    assert not Result.objects.visible_to(personas["ppk.kemenag"]).exists()
    assert Result.objects.visible_to(personas["penilai"]).filter(assessment=assessment).exists()


def test_it_refuses_an_incomplete_submission_naming_each_indicator(personas, makassar):
    assessment = f.self_assessment(makassar)
    answers = list(svc.answers_of(assessment))
    option = answers[0].indicator.options.get(order=3)  # needs evidence
    svc.save_answers(assessment, personas["ppk.makassar"], [(answers[0], option, "")])
    with pytest.raises(ValidationError) as exc:
        svc.submit(assessment, personas["ppk.makassar"])
    errors = exc.value.message_dict
    assert "bukti dukung" in errors["1.1"][0]
    assert "belum dijawab" in errors["1.2"][0]
    assert assessment.status == S.SELF_ASSESSMENT


def test_answers_are_frozen_after_submission(personas, makassar):
    assessment = f.submitted(makassar)
    answer = svc.answers_of(assessment).first()
    with pytest.raises(InvalidTransition):
        svc.save_answers(assessment, personas["ppk.makassar"], [(answer, None, "")])
    with pytest.raises(InvalidTransition):
        svc.add_evidence(answer, personas["ppk.makassar"], title="x", url="https://contoh.go.id/x")


def test_another_agency_cannot_act_on_the_assessment(personas, makassar):
    assessment = f.self_assessment(makassar)
    answer = svc.answers_of(assessment).first()
    with pytest.raises(NotAllowed):
        svc.save_answers(assessment, personas["ppk.kemenag"], [(answer, None, "x")])
    with pytest.raises(NotAllowed):
        svc.submit(assessment, personas["penilai"])  # assessors do not self-assess either
    assert not Assessment.objects.visible_to(personas["ppk.kemenag"]).filter(pk=assessment.pk).exists()
    assert Assessment.objects.visible_to(personas["ppk.makassar"]).filter(pk=assessment.pk).exists()


@pytest.mark.parametrize("username", ["ppk.makassar", "analis", "komisioner", "admin"])
def test_only_assessors_verify(personas, makassar, username):
    assessment = f.submitted(makassar)
    answer = svc.answers_of(assessment).first()
    with pytest.raises(NotAllowed):
        svc.verify_answers(assessment, personas[username], [(answer, answer.self_option, "")])
    with pytest.raises(NotAllowed):
        svc.send_verification(assessment, personas[username])


def test_an_adjustment_needs_a_reason(personas, makassar):
    assessment = f.submitted(makassar)
    answer = svc.answers_of(assessment).first()
    other = answer.indicator.options.exclude(pk=answer.self_option_id).first()
    with pytest.raises(ValidationError) as exc:
        svc.verify_answers(assessment, personas["penilai"], [(answer, other, "  ")])
    assert "alasan" in exc.value.message_dict["1.1"][0]
    # confirming the agency's own answer needs no reason
    svc.verify_answers(assessment, personas["penilai"], [(answer, answer.self_option, "")])


def test_the_agency_replies_only_once(personas, makassar):
    assessment = f.replied(makassar)
    with pytest.raises(InvalidTransition):
        svc.reply(assessment, personas["ppk.makassar"], text="lagi", answers={})


def test_a_disagreement_needs_an_explanation(personas, makassar):
    assessment = f.verified(makassar)
    adjusted = [a for a in svc.answers_of(assessment) if a.is_adjusted]
    with pytest.raises(ValidationError):
        svc.reply(assessment, personas["ppk.makassar"], text="", answers={adjusted[0].pk: (False, "")})
    with pytest.raises(ValidationError):
        svc.reply(assessment, personas["ppk.makassar"], text="", answers={})


def test_the_reply_window_closes(personas, makassar):
    assessment = f.verified(makassar)
    late = timezone.now() + timedelta(days=40)
    with time_machine.travel(late, tick=False), pytest.raises(InvalidTransition):
        svc.reply(assessment, personas["ppk.makassar"], text="", answers={})


def test_finalising_without_a_reply_waits_for_the_window(personas, makassar):
    assessment = f.verified(makassar)
    with pytest.raises(InvalidTransition):
        svc.finalise(assessment, personas["penilai"])
    with time_machine.travel(timezone.now() + timedelta(days=40), tick=False):
        result = svc.finalise(assessment, personas["penilai"])
    assert assessment.status == S.FINAL and result.score > 0


def test_a_stale_second_transition_is_refused(personas, makassar):
    assessment = f.submitted(makassar)
    stale = Assessment.objects.get(pk=assessment.pk)
    svc.send_verification(assessment, personas["penilai"])
    with pytest.raises(InvalidTransition):
        svc.send_verification(stale, personas["penilai"])
    assert assessment.history.filter(new=S.VERIFIED).count() == 1


def test_publishing_closes_unfinished_assessments(personas, makassar, kemenag):
    cycle = f.published_cycle(agencies=[makassar, kemenag])
    assert cycle.status == CycleStatus.PUBLISHED
    assert cycle.assessments.get(agency=kemenag).status == S.UNASSESSED
    assert cycle.assessments.get(agency=makassar).status == S.FINAL
    with pytest.raises(InvalidTransition):
        cycle_svc.publish_cycle(cycle, personas["penilai"])


def test_a_cycle_without_final_results_cannot_be_published(personas, makassar):
    assessment = f.submitted(makassar)
    with pytest.raises(InvalidTransition):
        cycle_svc.publish_cycle(assessment.cycle, personas["penilai"])


def test_opening_a_cycle_creates_one_assessment_with_answers_per_participant(personas, makassar, kemenag):
    cycle = f.draft_cycle(agencies=[makassar, kemenag])
    assert cycle.authority.code == "bkn"
    assert cycle_svc.open_cycle(cycle, personas["penilai"]) == 2
    assert cycle.assessments.count() == 2
    assert all(a.answers.count() == 4 for a in cycle.assessments.all())
    with pytest.raises(InvalidTransition):
        cycle_svc.open_cycle(cycle, personas["penilai"])


@pytest.mark.parametrize("username", ["ppk.makassar", "analis", "admin"])
def test_only_the_supervisor_opens_and_publishes_cycles(personas, makassar, username):
    cycle = f.draft_cycle(agencies=[makassar])
    with pytest.raises(NotAllowed):
        cycle_svc.open_cycle(cycle, personas[username])


def test_evidence_files_are_sniffed_and_hashed(personas, makassar):
    assessment = f.self_assessment(makassar)
    answer = svc.answers_of(assessment).first()
    who = personas["ppk.makassar"]
    evidence = svc.add_evidence(answer, who, title="SK", upload=SimpleUploadedFile("sk.pdf", f.PDF_BYTES))
    assert evidence.content_type == "application/pdf" and len(evidence.sha256) == 64
    assert evidence.file.name.endswith(".pdf") and "sk" not in evidence.file.name.split("/")[-1]
    with pytest.raises(ValidationError):
        svc.add_evidence(answer, who, title="x", upload=SimpleUploadedFile("x.pdf", b"<html><script>"))
    with pytest.raises(ValidationError):
        svc.add_evidence(answer, who, title="x", url="javascript:alert(1)")
    svc.remove_evidence(evidence, who)
    assert not answer.evidence.exists()
