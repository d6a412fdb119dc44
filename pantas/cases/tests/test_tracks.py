"""Issue 15: track-specific decisions (sanction vs corrective recommendation), joint handling with the
Ombudsman, the merit seam, and the reporter's outcome wording."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pantas.merit import case_link

from .. import services
from ..models import Case, CorrectiveAction, Outcome, Recommendation, RecommendationKind, Referral
from ..ombudsman import linked_cases, mou_suggestion
from ..public import report_outcomes
from ..workflow import CaseState
from .factories import verification_case

pytestmark = pytest.mark.django_db

JPT = [
    {
        "kind": "sk-cabut-pengangkatan",
        "decree_number": "821.2/045/BKPSDM/2025",
        "decree_date": "2025-02-03",
        "decree_subject": "Pengangkatan Kepala Dinas Pendidikan tanpa seleksi terbuka",
    }
]


def clarified(actor, category: str, **person) -> Case:
    case = verification_case(actor, **person)
    case = services.start_investigation(case, actor, category=category, assignee=actor)
    return services.request_clarification(case, actor, question="Mohon penjelasan dan salinan keputusan.")


def test_a_merit_case_cannot_be_decided_with_a_discipline_sanction_only(personas):
    case = clarified(personas["analis"], "merit-pengisian-jpt")
    for sanction in (None, "sedang-tukin-6"):
        with pytest.raises(ValidationError) as error:
            services.decide(
                case,
                personas["analis"],
                outcome=Outcome.PROVEN,
                findings="JPT diisi tanpa seleksi terbuka.",
                sanction=sanction,
                override_reason="Tambahan sanksi.",
            )
        assert "corrective_actions" in error.value.message_dict
    case.refresh_from_db()
    assert case.state == CaseState.CLARIFICATION
    # A kind that names a decree needs its number.
    with pytest.raises(ValidationError) as error:
        services.decide(
            case,
            personas["analis"],
            outcome=Outcome.PROVEN,
            findings="JPT diisi tanpa seleksi terbuka.",
            corrective_actions=[{"kind": "sk-cabut-pengangkatan"}],
        )
    assert "SK" in error.value.message_dict["corrective_actions"][0]


def test_a_neutrality_or_ethics_case_cannot_carry_a_corrective_recommendation(personas):
    for category in ("skb2022-a4", "etik-pungli"):
        case = clarified(personas["analis"], category)
        with pytest.raises(ValidationError) as error:
            services.decide(
                case, personas["analis"], outcome=Outcome.PROVEN, findings="Terbukti.", corrective_actions=JPT
            )
        assert "corrective_actions" in error.value.message_dict
    assert not CorrectiveAction.objects.exists()


def test_the_api_answers_400_with_the_field_error_in_both_languages(client, personas):
    case = clarified(personas["analis"], "skb2022-a4")
    client.force_login(personas["analis"])
    url = f"/api/v1/cases/{case.uuid}/decide/"
    body = {"outcome": "proven", "findings": "Terbukti.", "corrective_actions": JPT}
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert "hanya untuk kasus sistem merit" in response.content.decode()
    english = client.post(url, body, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400
    assert "only for proven merit-system cases" in english.content.decode()


def test_a_merit_case_ends_in_a_corrective_recommendation_with_its_decrees(client, personas):
    analyst, decider = personas["analis"], personas["komisioner"]
    case = clarified(analyst, "merit-pengisian-jpt")
    client.force_login(analyst)
    response = client.post(
        f"/api/v1/cases/{case.uuid}/decide/",
        {"outcome": "proven", "findings": "Pengisian JPT tanpa seleksi terbuka.", "corrective_actions": JPT},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.letter.subject.startswith("Rekomendasi tindakan korektif")
    assert "821.2/045/BKPSDM/2025" in case.letter.body
    assert "3 Februari 2025" in case.letter.body
    assert "menjatuhkan sanksi" not in case.letter.body
    services.issue_recommendation(case, decider)
    recommendation = Recommendation.objects.get(case=case)
    assert recommendation.kind == RecommendationKind.CORRECTION
    assert recommendation.sanction is None
    action = recommendation.corrective_actions.get()
    assert (action.kind.code, action.decree_number) == ("sk-cabut-pengangkatan", "821.2/045/BKPSDM/2025")
    # The addressee reads the corrective actions on the case page and in the API.
    client.force_login(personas["ppk.makassar"])
    page = client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert "Mencabut keputusan pengangkatan" in page
    api = client.get(f"/api/v1/recommendations/{recommendation.uuid}/").json()
    assert (
        api["kind"] == "correction"
        and api["corrective_actions"][0]["decree_number"] == JPT[0]["decree_number"]
    )
    # The reporter is told about a correction, not a sanction.
    report = case.links.get().report
    assert any("tindakan korektif" in s for s in report_outcomes(report))


def test_a_merit_case_may_also_sanction_a_person(personas):
    case = clarified(personas["analis"], "merit-mutasi")
    services.decide(
        case,
        personas["analis"],
        outcome=Outcome.PROVEN,
        findings="Mutasi massal setelah pilkada tanpa uji kompetensi.",
        corrective_actions=[
            {"kind": "sk-cabut-pemindahan", "decree_number": "800/112/BKD/2024", "decree_subject": "Mutasi"}
        ],
        sanction="sedang-tukin-6",
        override_reason="Kepala BKD menandatangani mutasi tanpa pertimbangan.",
    )
    services.issue_recommendation(case, personas["komisioner"])
    recommendation = Recommendation.objects.get(case=case)
    assert recommendation.kind == RecommendationKind.BOTH
    assert "Selain itu" in case.letter.body and "Pemotongan tunjangan" in case.letter.body


def test_an_ethics_case_ends_in_a_sanction_recommendation(personas):
    case = clarified(personas["analis"], "etik-pungli")
    services.decide(case, personas["analis"], outcome=Outcome.PROVEN, findings="Pungli di loket KTP.")
    services.issue_recommendation(case, personas["komisioner"])
    recommendation = Recommendation.objects.get(case=case)
    assert recommendation.kind == RecommendationKind.SANCTION
    assert recommendation.sanction.code == "sedang-tukin-6"
    assert "menjatuhkan sanksi" in case.letter.body
    outcomes = report_outcomes(case.links.get().report)
    assert outcomes and "kode etik" in outcomes[0]


def test_mou_suggestion_at_verification_and_joint_handling_with_the_ombudsman(client, personas):
    analyst = personas["analis"]
    merit = verification_case(analyst)
    merit.category_id = None
    merit = services.start_investigation(merit, analyst, category="merit-pengisian-jpt", assignee=analyst)
    suggestion = mou_suggestion(merit)
    assert suggestion["joint"] and suggestion["maladministration"].code == "penyimpangan-prosedur"
    neutrality = services.start_investigation(
        verification_case(analyst), analyst, category="skb2022-a4", assignee=analyst
    )
    assert mou_suggestion(neutrality) is None
    client.force_login(analyst)
    page = client.get(reverse("cases:detail", args=[merit.number])).content.decode()
    assert "Saran nota kesepahaman dengan Ombudsman" in page

    services.share_with_partner(
        merit,
        analyst,
        partner="ombudsman",
        maladministration="penyimpangan-prosedur",
        note="Tangani bersama.",
    )
    referral = Referral.objects.get(case=merit)
    client.force_login(personas["ombudsman"])
    response = client.post(
        reverse("cases:referral_reply", args=[referral.uuid]),
        {
            "outcome": "in_progress",
            "body": "Diterima dan diregister.",
            "partner_register_number": "0456/lm/iii/2025/ptk",
            "findings": "Dugaan penyimpangan prosedur pengangkatan.",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.partner_register_number == "0456/LM/III/2025/PTK"
    assert referral.findings.startswith("Dugaan penyimpangan")
    # The Ombudsman sees the joint case only, not the other one.
    assert set(Case.objects.visible_to(personas["ombudsman"])) == {merit}
    assert client.get(reverse("cases:detail", args=[neutrality.number])).status_code == 404

    # A duplicate complaint filed with both bodies: the same register number links the cases, shown on both.
    duplicate = verification_case(analyst)
    services.link_ombudsman(duplicate, analyst, ombudsman_register_number="0456/LM/III/2025/PTK")
    assert list(linked_cases(duplicate, personas["komisioner"])) == [merit]
    assert list(linked_cases(merit, personas["komisioner"])) == [duplicate]
    client.force_login(personas["komisioner"])
    page = client.get(reverse("cases:detail", args=[merit.number])).content.decode()
    assert duplicate.number in page


def test_the_merit_seam_counts_proven_merit_violations(personas):
    case = clarified(personas["analis"], "merit-pengisian-jpt")
    services.decide(
        case, personas["analis"], outcome=Outcome.PROVEN, findings="Terbukti.", corrective_actions=JPT
    )
    services.issue_recommendation(case, personas["komisioner"])
    summary = case_link.case_summary(case.agency_id, case.received_at.year + 1)  # the next cycle
    assert summary["merit_violations"] == {"proven": 1, "corrective": 1}
    assert summary["by_track"]["merit"] == {"total": 1, "recommended": 1}
