"""Factories per workflow state. States are reached through the real service functions, so a factory-made
assessment is exactly what a user would have produced."""

import itertools
import random
from datetime import date
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from pantas.accounts.models import User
from pantas.merit import scoring
from pantas.merit.models import (
    AnswerOption,
    Aspect,
    Assessment,
    AssessmentCycle,
    Band,
    Indicator,
    Instrument,
    InstrumentKind,
    InstrumentVersion,
    VersionStatus,
)
from pantas.merit.services import assessments as svc
from pantas.merit.services import cycles as cycle_svc
from pantas.registry.models import Agency

_codes = itertools.count(1)

# 1x PDF page, enough for the content sniffing
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def user(username):
    return User.objects.get(username=username)


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    code = factory.Sequence(lambda n: f"uji-{n}")
    name = factory.Sequence(lambda n: f"Instrumen uji {n}")
    kind = InstrumentKind.MERIT


class PublishedVersionFactory(factory.django.DjangoModelFactory):
    """A small published instrument: 2 aspects × 2 indicators, options 1–4 × weight 12.5 → 100–400,
    with the KASN categories. Option 2 and up require evidence."""

    class Meta:
        model = InstrumentVersion
        skip_postgeneration_save = True

    instrument = factory.SubFactory(InstrumentFactory)
    number = 1
    title = "Instrumen uji"
    legal_source = "Uji"
    max_score = Decimal("400")
    status = VersionStatus.PUBLISHED

    @factory.post_generation
    def structure(self, create, extracted, **kwargs):
        if not create:
            return
        for a in (1, 2):
            aspect = Aspect.objects.create(
                version=self, code=f"a{a}", order=a, name=f"Aspek {a}", shows_case_data=a == 2
            )
            for i in (1, 2):
                ind = Indicator.objects.create(
                    aspect=aspect, code=f"{a}.{i}", order=i, text=f"Indikator {a}.{i}"
                )
                AnswerOption.objects.bulk_create(
                    AnswerOption(
                        indicator=ind,
                        order=level,
                        label=f"Tingkat {level}",
                        score=Decimal("25") * level,
                        evidence_required=level >= 2,
                        evidence_hint="Dokumen pendukung" if level >= 2 else "",
                    )
                    for level in (1, 2, 3, 4)
                )
        for order, (code, name, lo, hi, award) in enumerate(
            [
                ("I", "Buruk", 100, 174, False),
                ("II", "Kurang", 175, 249, False),
                ("III", "Baik", 250, 324, True),
                ("IV", "Sangat Baik", 325, 400, True),
            ]
        ):
            Band.objects.create(
                version=self, order=order, code=code, name=name, min_score=lo, max_score=hi, is_award=award
            )


def draft_cycle(version=None, agencies=(), year=2026, by="penilai", **fields) -> AssessmentCycle:
    version = version or PublishedVersionFactory()
    agencies = list(agencies) or [Agency.objects.get(code="kota-73-71")]
    return cycle_svc.create_cycle(
        user(by),
        instrument_version=version,
        participants=agencies,
        year=year,
        title=fields.pop("title", f"Siklus uji {next(_codes)}"),
        self_assessment_due=fields.pop("self_assessment_due", date(year, 12, 31)),
        verification_due=fields.pop("verification_due", None),
        reply_window_days=fields.pop("reply_window_days", 10),
        **fields,
    )


def open_cycle(version=None, agencies=(), **kw) -> AssessmentCycle:
    cycle = draft_cycle(version, agencies, **kw)
    cycle_svc.open_cycle(cycle, user("penilai"))
    return cycle


def ppk_user_for(agency) -> User:
    """The persona for Makassar / Kemenag, or a fresh PPK officer of `agency`'s PPK office."""
    from pantas.accounts.models import Organisation, RoleAssignment

    org = Organisation.objects.get(kind="ppk_office", agency=agency)
    found = User.objects.filter(organisation=org, role_assignments__role="ppk_officer").first()
    if found:
        return found
    u = User.objects.create(username=f"ppk-{agency.code}", organisation=org)
    RoleAssignment.objects.create(user=u, role="ppk_officer")
    return u


def self_assessment(agency=None, version=None, others=(), **kw) -> Assessment:
    """SelfAssessment state: an open cycle (with `others` as further participants), nothing answered yet."""
    agency = agency or Agency.objects.get(code="kota-73-71")
    cycle = open_cycle(version, [agency, *others], **kw)
    return cycle.assessments.get(agency=agency)


def answer_all(assessment: Assessment, levels=None, target=None, seed=1) -> None:
    """Answer every indicator (level index per indicator, or a combination adding up to `target`), attaching
    a PDF wherever the chosen option needs evidence."""
    who = ppk_user_for(assessment.agency)
    answers = list(svc.answers_of(assessment).prefetch_related("indicator__options"))
    options = [list(a.indicator.options.order_by("order")) for a in answers]
    if target is not None:
        levels = scoring.options_for_total(
            [[o.score for o in opts] for opts in options], Decimal(target), random.Random(seed)
        )
        assert levels is not None, f"{target} is not reachable"
    levels = levels or [len(opts) - 1 for opts in options]
    chosen = [opts[k] for opts, k in zip(options, levels, strict=True)]
    svc.save_answers(assessment, who, [(a, o, "") for a, o in zip(answers, chosen, strict=True)])
    for answer, option in zip(answers, chosen, strict=True):
        if option.evidence_required:
            svc.add_evidence(answer, who, title="SK", upload=SimpleUploadedFile("sk.pdf", PDF_BYTES))


def submitted(agency=None, version=None, target=None, **kw) -> Assessment:
    assessment = self_assessment(agency, version, **kw)
    answer_all(assessment, target=target)
    svc.submit(assessment, ppk_user_for(assessment.agency))
    return assessment


def verified(agency=None, version=None, adjust_first_to_level=0, **kw) -> Assessment:
    """Verified: the first indicator adjusted down to `adjust_first_to_level` (0-based option index)."""
    assessment = submitted(agency, version, **kw)
    first = svc.answers_of(assessment).first()
    option = first.indicator.options.order_by("order")[adjust_first_to_level]
    svc.verify_answers(assessment, user("penilai"), [(first, option, "Bukti tidak memadai")])
    svc.send_verification(assessment, user("penilai"))
    return assessment


def replied(agency=None, version=None, agrees=False, **kw) -> Assessment:
    assessment = verified(agency, version, **kw)
    adjusted = [a for a in svc.answers_of(assessment) if a.is_adjusted]
    svc.reply(
        assessment,
        ppk_user_for(assessment.agency),
        text="Tanggapan umum",
        answers={a.pk: (agrees, "" if agrees else "Bukti ada di lampiran") for a in adjusted},
    )
    return assessment


def final(agency=None, version=None, **kw) -> Assessment:
    assessment = replied(agency, version, **kw)
    svc.finalise(assessment, user("penilai"))
    assessment.refresh_from_db()
    return assessment


def published_cycle(version=None, agencies=(), **kw) -> AssessmentCycle:
    """A published cycle where the first agency has a final result and the others were left unassessed."""
    agencies = list(agencies) or [Agency.objects.get(code="kota-73-71")]
    assessment = final(agencies[0], version, others=agencies[1:], **kw)
    cycle = assessment.cycle
    cycle_svc.publish_cycle(cycle, user("penilai"))
    cycle.refresh_from_db()
    return cycle
