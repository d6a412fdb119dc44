"""Instrument editing by the supervisor's administrators: copy a published version into a draft, edit the
draft, publish it. Published versions are frozen (cycles point at them), so no edit reaches a running cycle."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit, workflow
from pantas.core.errors import InvalidTransition

from .. import scoring
from ..formatting import score_text
from ..models import AnswerOption, Aspect, Band, Indicator, Instrument, InstrumentVersion, VersionStatus
from ..roles import INSTRUMENT_EDITORS
from ..workflow import NOT_DRAFT
from ..workflow import VERSION_FLOW as FLOW
from ..workflow import VersionAction as Action
from .base import require_roles


def shape_of(version: InstrumentVersion) -> list[scoring.AspectShape]:
    """The version's aspects → indicators → option scores, in three queries."""
    aspects = version.aspects.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id").prefetch_related("options"))
    ).order_by("order", "id")
    return [
        scoring.AspectShape(
            id=a.id,
            code=a.code,
            name=a.name,
            indicators=tuple(
                scoring.IndicatorShape(i.id, {o.id: o.score for o in i.options.all()})
                for i in a.indicators.all()
            ),
        )
        for a in aspects
    ]


def validate_version(version: InstrumentVersion) -> list[str]:
    """Everything that must hold before a version can be used by a cycle; messages name what is wrong."""
    errors = []
    shape = shape_of(version)
    declared = dict(version.aspects.values_list("id", "declared_max"))
    if not shape:
        errors.append(_("Instrumen belum memiliki aspek."))
    for aspect in shape:
        if not aspect.indicators:
            errors.append(_("Aspek “%(name)s” belum memiliki indikator.") % {"name": aspect.name})
        for ind in aspect.indicators:
            if len(ind.option_scores) < 2:
                errors.append(
                    _("Setiap indikator perlu paling sedikit dua pilihan jawaban (aspek “%(name)s”).")
                    % {"name": aspect.name}
                )
                break
        if declared.get(aspect.id) is not None and declared[aspect.id] != aspect.max_score:
            errors.append(
                _(
                    "Aspek “%(name)s”: jumlah skor tertinggi indikator %(sum)s, tidak sama dengan maksimum sumber %(max)s."
                )
                % {
                    "name": aspect.name,
                    "sum": score_text(aspect.max_score),
                    "max": score_text(declared[aspect.id]),
                }
            )
    top = sum((a.max_score for a in shape), Decimal(0))
    bottom = sum((a.min_score for a in shape), Decimal(0))
    if shape and top != version.max_score:
        errors.append(
            _("Jumlah skor tertinggi semua indikator %(sum)s tidak sama dengan skor maksimum versi %(max)s.")
            % {"sum": score_text(top), "max": score_text(version.max_score)}
        )
    bands = list(version.bands.order_by("min_score"))
    if not bands:
        errors.append(_("Versi belum memiliki kategori (band)."))
    for band in bands:
        if band.max_score < band.min_score:
            errors.append(
                _("Kategori %(code)s: skor maksimum lebih kecil dari minimum.") % {"code": band.code}
            )
    for lower, upper in zip(bands, bands[1:], strict=False):
        if upper.min_score <= lower.max_score or upper.min_score - lower.max_score > 1:
            errors.append(
                _("Kategori %(a)s dan %(b)s tidak bersambung (maksimum %(max)s, minimum berikutnya %(min)s).")
                % {
                    "a": lower.code,
                    "b": upper.code,
                    "max": score_text(lower.max_score),
                    "min": score_text(upper.min_score),
                }
            )
    if bands and shape:
        if bands[0].min_score > bottom:
            errors.append(
                _("Skor terendah yang mungkin (%(low)s) berada di bawah kategori terendah (%(min)s).")
                % {"low": score_text(bottom), "min": score_text(bands[0].min_score)}
            )
        if bands[-1].max_score != version.max_score:
            errors.append(
                _("Kategori tertinggi harus berakhir pada skor maksimum versi (%(max)s).")
                % {"max": score_text(version.max_score)}
            )
    return errors


def _edit_draft(version: InstrumentVersion, user) -> None:
    """Every change to a draft's content: an editor, and the version still a draft (row locked)."""
    FLOW.hold(version, user, Action.EDIT)


@transaction.atomic
def create_instrument(
    user, *, code, name, kind, description="", title, legal_source, max_score
) -> InstrumentVersion:
    require_roles(user, INSTRUMENT_EDITORS)
    if Instrument.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Kode instrumen ini sudah dipakai.")})
    instrument = Instrument.objects.create(code=code, name=name, kind=kind, description=description)
    version = InstrumentVersion.objects.create(
        instrument=instrument,
        number=1,
        title=title,
        legal_source=legal_source,
        max_score=max_score,
        created_by=user,
    )
    version.history.create(old="", new=VersionStatus.DRAFT, at=timezone.now(), by=user)
    audit.record("merit.instrument.created", instrument, actor=user, data={"code": code, "kind": kind})
    return version


@transaction.atomic
def start_draft(source: InstrumentVersion, user) -> InstrumentVersion:
    """Copy `source` (any status) into the instrument's next version number, as a draft."""
    require_roles(user, INSTRUMENT_EDITORS)
    instrument = Instrument.objects.select_for_update().get(pk=source.instrument_id)
    if instrument.versions.filter(status=VersionStatus.DRAFT).exists():
        raise InvalidTransition(_("Instrumen ini sudah memiliki draf; ubah draf itu atau terbitkan dulu."))
    number = instrument.versions.aggregate(n=Max("number"))["n"] + 1
    draft = InstrumentVersion.objects.create(
        instrument=instrument,
        number=number,
        title=source.title,
        legal_source=source.legal_source,
        effective_date=source.effective_date,
        max_score=source.max_score,
        based_on=source,
        created_by=user,
    )
    Band.objects.bulk_create(
        Band(
            version=draft,
            order=b.order,
            code=b.code,
            name=b.name,
            min_score=b.min_score,
            max_score=b.max_score,
            is_award=b.is_award,
        )
        for b in source.bands.all()
    )
    options = []
    for aspect in source.aspects.prefetch_related("indicators__options"):
        new_aspect = Aspect.objects.create(
            version=draft,
            code=aspect.code,
            order=aspect.order,
            name=aspect.name,
            description=aspect.description,
            declared_max=aspect.declared_max,
            shows_case_data=aspect.shows_case_data,
        )
        for ind in aspect.indicators.all():
            new_ind = Indicator.objects.create(
                aspect=new_aspect, code=ind.code, order=ind.order, text=ind.text, guidance=ind.guidance
            )
            options += [
                AnswerOption(
                    indicator=new_ind,
                    order=o.order,
                    label=o.label,
                    score=o.score,
                    evidence_required=o.evidence_required,
                    evidence_hint=o.evidence_hint,
                )
                for o in ind.options.all()
            ]
    AnswerOption.objects.bulk_create(options)
    draft.history.create(
        old="", new=VersionStatus.DRAFT, at=timezone.now(), by=user, reason=f"v{source.number}"
    )
    audit.record("merit.instrumentversion.drafted", draft, actor=user, data={"from_version": source.number})
    return draft


VERSION_FIELDS = ("title", "legal_source", "effective_date", "max_score", "change_note")


def _diff(obj, fields: dict) -> dict:
    return {k: [str(getattr(obj, k)), str(v)] for k, v in fields.items() if getattr(obj, k) != v}


@transaction.atomic
def update_version(version: InstrumentVersion, user, **fields) -> None:
    _edit_draft(version, user)
    fields = {k: v for k, v in fields.items() if k in VERSION_FIELDS}
    diff = _diff(version, fields)
    InstrumentVersion.objects.filter(pk=version.pk).update(**fields, updated_at=timezone.now())
    for k, v in fields.items():
        setattr(version, k, v)
    audit.record("merit.instrumentversion.changed", version, actor=user, data=diff)


@transaction.atomic
def save_bands(version: InstrumentVersion, user, bands: list[dict]) -> None:
    """Replace the draft's bands (`code`, `name`, `min_score`, `max_score`, `is_award`)."""
    _edit_draft(version, user)
    version.bands.all().delete()
    Band.objects.bulk_create(Band(version=version, order=i, **b) for i, b in enumerate(bands))
    audit.record(
        "merit.instrumentversion.bands_changed",
        version,
        actor=user,
        data={"bands": [[b["code"], str(b["min_score"]), str(b["max_score"])] for b in bands]},
    )


ASPECT_FIELDS = ("code", "order", "name", "description", "declared_max", "shows_case_data")


@transaction.atomic
def save_aspect(version: InstrumentVersion, user, aspect: Aspect | None = None, **fields) -> Aspect:
    _edit_draft(version, user)
    fields = {k: v for k, v in fields.items() if k in ASPECT_FIELDS}
    if aspect is not None and aspect.version_id != version.pk:
        raise InvalidTransition(str(NOT_DRAFT))
    clash = version.aspects.filter(code=fields.get("code")).exclude(pk=getattr(aspect, "pk", None))
    if clash.exists():
        raise ValidationError({"code": _("Kode aspek ini sudah dipakai di versi ini.")})
    if aspect is None:
        aspect = Aspect.objects.create(version=version, **fields)
        audit.record(
            "merit.aspect.created",
            aspect,
            actor=user,
            data={"version": version.pk, **_diff(Aspect(), fields)},
        )
    else:
        diff = _diff(aspect, fields)
        Aspect.objects.filter(pk=aspect.pk).update(**fields)
        for k, v in fields.items():
            setattr(aspect, k, v)
        audit.record("merit.aspect.changed", aspect, actor=user, data=diff)
    return aspect


@transaction.atomic
def delete_aspect(aspect: Aspect, user) -> None:
    _edit_draft(aspect.version, user)
    audit.record("merit.aspect.deleted", aspect, actor=user, data={"code": aspect.code, "name": aspect.name})
    aspect.delete()


INDICATOR_FIELDS = ("code", "order", "text", "guidance")
OPTION_FIELDS = ("label", "score", "evidence_required", "evidence_hint")


@transaction.atomic
def save_indicator(
    aspect: Aspect, user, indicator: Indicator | None = None, *, options: list[dict], **fields
) -> Indicator:
    """Create or change an indicator of a draft; `options` replaces its answer options (in order)."""
    _edit_draft(aspect.version, user)
    fields = {k: v for k, v in fields.items() if k in INDICATOR_FIELDS}
    if indicator is not None and indicator.aspect_id != aspect.pk:
        raise InvalidTransition(str(NOT_DRAFT))
    clash = Indicator.objects.filter(aspect=aspect, code=fields.get("code")).exclude(
        pk=getattr(indicator, "pk", None)
    )
    if clash.exists():
        raise ValidationError({"code": _("Kode indikator ini sudah dipakai di aspek ini.")})
    if len(options) < 2:
        raise ValidationError({"options": _("Isi paling sedikit dua pilihan jawaban.")})
    action = "merit.indicator.created" if indicator is None else "merit.indicator.changed"
    if indicator is None:
        indicator = Indicator.objects.create(aspect=aspect, **fields)
        diff = {k: ["", str(v)] for k, v in fields.items()}
    else:
        diff = _diff(indicator, fields)
        Indicator.objects.filter(pk=indicator.pk).update(**fields)
        for k, v in fields.items():
            setattr(indicator, k, v)
        indicator.options.all().delete()
    AnswerOption.objects.bulk_create(
        AnswerOption(indicator=indicator, order=i, **{k: o[k] for k in OPTION_FIELDS if k in o})
        for i, o in enumerate(options, start=1)
    )
    diff["options"] = [[o["label"][:40], str(o["score"])] for o in options]
    audit.record(action, indicator, actor=user, data=diff)
    return indicator


@transaction.atomic
def delete_indicator(indicator: Indicator, user) -> None:
    _edit_draft(indicator.aspect.version, user)
    audit.record("merit.indicator.deleted", indicator, actor=user, data={"code": indicator.code})
    indicator.delete()


@transaction.atomic
def publish_version(version: InstrumentVersion, user, reason: str = "") -> None:
    # Locked while it is validated: no edit of the draft's content can slip in before it is published.
    FLOW.hold(version, user, Action.PUBLISH)
    errors = validate_version(version)
    if errors:
        raise ValidationError(errors)
    FLOW.run(
        version,
        user,
        Action.PUBLISH,
        reason=reason,
        changes={"published_at": workflow.now(), "published_by": user},
    )


@FLOW.action(Action.RETIRE)
def retire_version(version: InstrumentVersion, user, reason: str = "") -> None:
    """Stop offering a version for new cycles; cycles that use it keep it."""
    FLOW.run(version, user, Action.RETIRE, reason=reason)
