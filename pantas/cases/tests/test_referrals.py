import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pantas.core.errors import NotAllowed

from .. import services
from ..models import Case, Referral, ReferralStatus
from ..workflow import CaseState
from .factories import investigation_case

pytestmark = pytest.mark.django_db


def test_ombudsman_referral_needs_a_maladministration_category(personas):
    case = investigation_case(personas["analis"])
    with pytest.raises(ValidationError) as error:
        services.refer(case, personas["analis"], partner="ombudsman", note="Maladministrasi pengisian JPT.")
    assert "maladministration" in error.value.message_dict


def test_the_ombudsman_replies_and_the_outcome_is_attached_to_the_case(client, personas):
    case = investigation_case(personas["analis"])
    services.refer(
        case,
        personas["analis"],
        partner="ombudsman",
        maladministration="penyimpangan-prosedur",
        note="Mutasi pejabat tanpa prosedur; kewenangan Ombudsman.",
    )
    case.refresh_from_db()
    assert case.state == CaseState.REFERRED
    referral = Referral.objects.get(case=case)
    client.force_login(personas["ombudsman"])
    listing = client.get(reverse("cases:referrals"))
    assert case.number in listing.content.decode()
    page = client.get(reverse("cases:detail", args=[case.number]))
    assert page.status_code == 200
    assert "Kirim tanggapan" in page.content.decode()
    response = client.post(
        reverse("cases:referral_reply", args=[referral.uuid]),
        {
            "outcome": "maladministration_found",
            "body": "Terbukti penyimpangan prosedur; saran korektif diterbitkan.",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ANSWERED
    client.force_login(personas["komisioner"])
    detail = client.get(reverse("cases:detail", args=[case.number])).content.decode()
    assert "saran korektif diterbitkan" in detail


def test_only_the_partner_organisation_can_reply(personas):
    case = investigation_case(personas["analis"])
    services.share_with_partner(
        case,
        personas["analis"],
        partner="ombudsman",
        maladministration="berpihak",
        note="Penanganan bersama.",
    )
    referral = Referral.objects.get(case=case)
    assert Case.objects.get(pk=case.pk).state == CaseState.INVESTIGATION  # joint: the case keeps running
    with pytest.raises(NotAllowed):
        services.reply_to_referral(referral, personas["analis"], outcome="other", body="x")
    assert not Case.objects.visible_to(personas["bawaslu.sulsel"]).filter(pk=case.pk).exists()
    services.reply_to_referral(referral, personas["ombudsman"], outcome="in_progress", body="Diterima.")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.OPEN
