"""Instrument versioning: published versions are frozen, edits happen on a new draft, cycles keep their
version (editing a template never alters a running cycle)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pantas.core.errors import InvalidTransition, NotAllowed
from pantas.merit.models import Instrument, InstrumentVersion, VersionStatus
from pantas.merit.reference import load_all
from pantas.merit.services import assessments as svc
from pantas.merit.services import instruments as ins

from . import factories as f


def _options(indicator):
    return [
        {"label": o.label, "score": o.score, "evidence_required": o.evidence_required, "evidence_hint": ""}
        for o in indicator.options.order_by("order")
    ]


def test_a_published_version_cannot_be_edited(personas, kasn):
    admin = personas["admin"]
    aspect = kasn.aspects.first()
    indicator = aspect.indicators.first()
    with pytest.raises(InvalidTransition):
        ins.update_version(kasn, admin, max_score=Decimal("410"))
    with pytest.raises(InvalidTransition):
        ins.save_aspect(kasn, admin, aspect, code=aspect.code, name="Lain")
    with pytest.raises(InvalidTransition):
        ins.save_indicator(
            aspect, admin, indicator, code=indicator.code, text="x", options=_options(indicator)
        )
    with pytest.raises(InvalidTransition):
        ins.delete_indicator(indicator, admin)
    with pytest.raises(InvalidTransition):
        ins.save_bands(kasn, admin, [])
    kasn.refresh_from_db()
    assert kasn.max_score == 400 and aspect.indicators.count() == 3


def test_editing_a_new_draft_does_not_alter_a_running_cycle(personas, makassar):
    version = f.PublishedVersionFactory()
    assessment = f.submitted(makassar, version, target=400)
    admin = personas["admin"]

    draft = ins.start_draft(version, admin)
    assert draft.number == 2 and draft.status == VersionStatus.DRAFT and draft.based_on == version
    aspect = draft.aspects.get(code="a1")
    indicator = aspect.indicators.get(code="1.1")
    halved = [{**o, "score": o["score"] / 2} for o in _options(indicator)]
    ins.save_indicator(aspect, admin, indicator, code="1.1", text="Diubah", options=halved)
    ins.update_version(draft, admin, max_score=Decimal("350"))
    ins.save_bands(
        draft,
        admin,
        [
            {"code": "I", "name": "Buruk", "min_score": 0, "max_score": 299, "is_award": False},
            {"code": "II", "name": "Baik", "min_score": 300, "max_score": 350, "is_award": True},
        ],
    )
    ins.publish_version(draft, admin)

    svc.send_verification(assessment, personas["penilai"])
    # no adjustments: the reply is an empty agreement
    svc.reply(assessment, personas["ppk.makassar"], text="", answers={})
    result = svc.finalise(assessment, personas["penilai"])
    assert assessment.cycle.instrument_version_id == version.pk
    assert result.score == 400 and result.band.code == "IV" and result.band.version_id == version.pk
    assert version.aspects.get(code="a1").indicators.get(code="1.1").text == "Indikator 1.1"


def test_one_draft_at_a_time(personas, kasn):
    ins.start_draft(kasn, personas["admin"])
    with pytest.raises(InvalidTransition):
        ins.start_draft(kasn, personas["admin"])


@pytest.mark.parametrize("username", ["penilai", "ppk.makassar", "komisioner"])
def test_only_administrators_edit_instruments(personas, kasn, username):
    with pytest.raises(NotAllowed):
        ins.start_draft(kasn, personas[username])


def test_publishing_checks_the_maximum_and_the_bands(personas, kasn):
    admin = personas["admin"]
    draft = ins.start_draft(kasn, admin)
    ins.update_version(draft, admin, max_score=Decimal("410"))
    ins.save_bands(
        draft,
        admin,
        [
            {"code": "I", "name": "Buruk", "min_score": 100, "max_score": 174, "is_award": False},
            {"code": "II", "name": "Kurang", "min_score": 180, "max_score": 410, "is_award": False},
        ],
    )
    with pytest.raises(ValidationError) as exc:
        ins.publish_version(draft, admin)
    text = " ".join(exc.value.messages)
    assert "400" in text and "410" in text  # indicator maxima add up to 400, not the 410 parameter
    assert "tidak bersambung" in text
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_a_410_maximum_is_a_parameter_of_a_new_version(personas, kasn):
    """Sources disagree (400 vs 410): a version with 410 publishes once indicators and bands add up."""
    admin = personas["admin"]
    draft = ins.start_draft(kasn, admin)
    aspect = draft.aspects.get(code="sistem-informasi")
    indicator = aspect.indicators.get(code="8.2")
    options = _options(indicator)
    options[-1]["score"] += 10
    ins.save_indicator(aspect, admin, indicator, code="8.2", text=indicator.text, options=options)
    ins.update_version(draft, admin, max_score=Decimal("410"))
    bands = [
        {
            "code": b.code,
            "name": b.name,
            "min_score": b.min_score,
            "max_score": b.max_score,
            "is_award": b.is_award,
        }
        for b in draft.bands.all()
    ]
    bands[-1]["max_score"] = Decimal("410")
    ins.save_bands(draft, admin, bands)
    ins.publish_version(draft, admin)
    assert draft.status == VersionStatus.PUBLISHED
    assert kasn.bands.get(code="IV").max_score == 400


def test_the_loader_is_idempotent(db):
    before = InstrumentVersion.objects.count()
    assert load_all() == []
    assert InstrumentVersion.objects.count() == before
    assert Instrument.objects.filter(code="nkk-maturitas", kind="nkk").exists()


def test_a_retired_version_is_not_offered_for_new_cycles(personas, makassar):
    version = f.PublishedVersionFactory()
    ins.retire_version(version, personas["admin"])
    with pytest.raises(ValidationError):
        f.draft_cycle(version, [makassar])
