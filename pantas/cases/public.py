"""What a reporter is told about the outcome of the cases behind a report: the wording differs by track
(a sanction recommended to the PPK; a correction of a staffing decision for the merit system), and joint
handling with the Ombudsman is mentioned. Used by the one report-outcome provider (`followup.outcome`,
ADRs 0057 and 0083)."""

from django.utils.translation import gettext as _

from pantas.registry.models import Track

from .models import Case, RecommendationKind, ReferralMode
from .workflow import CaseState


def outcome_sentence(case: Case) -> str | None:
    if case.state == CaseState.NOT_PROVEN:
        return _("Hasil pemeriksaan: dugaan pelanggaran tidak terbukti.")
    if case.state != CaseState.RECOMMENDED:
        return None
    kind = getattr(getattr(case, "recommendation", None), "kind", RecommendationKind.SANCTION)
    if kind == RecommendationKind.BOTH:
        return _(
            "Terbukti ada pelanggaran sistem merit. Rekomendasi tindakan korektif (pembatalan atau perbaikan "
            "keputusan kepegawaian) dan penjatuhan sanksi telah disampaikan kepada Pejabat Pembina Kepegawaian."
        )
    if kind == RecommendationKind.CORRECTION:
        return _(
            "Terbukti ada pelanggaran sistem merit. Rekomendasi tindakan korektif (pembatalan atau perbaikan "
            "keputusan kepegawaian) telah disampaikan kepada Pejabat Pembina Kepegawaian."
        )
    if case.track == Track.ETHICS:
        return _(
            "Terbukti melanggar kode etik / kode perilaku ASN. Rekomendasi penjatuhan sanksi telah disampaikan "
            "kepada Pejabat Pembina Kepegawaian."
        )
    return _(
        "Terbukti melanggar netralitas ASN. Rekomendasi penjatuhan sanksi telah disampaikan kepada Pejabat "
        "Pembina Kepegawaian."
    )


def report_outcomes(report) -> list[str]:
    cases = Case.objects.filter(links__report=report).select_related("recommendation").distinct()
    sentences = [s for s in (outcome_sentence(case) for case in cases) if s]
    if handled_jointly(report):
        sentences.append(joint_note())
    return sentences


def joint_note() -> str:
    return _("Pengaduan ini ditangani bersama Ombudsman Republik Indonesia.")


def handled_jointly(report) -> bool:
    return Case.objects.filter(
        links__report=report, referrals__mode=ReferralMode.JOINT, referrals__partner__kind="ombudsman"
    ).exists()
