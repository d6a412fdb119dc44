"""The recommendation letter's own small table (ADR 0044): draft → approving (number reserved, PDF rendering
with nothing locked) → approved. Run by the one engine, like the case table."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pantas.core.roles import Role
from pantas.core.workflow import Rule, Workflow

from .models.letters import LetterState


class LetterAction(models.TextChoices):
    START_APPROVAL = "start-approval", _("Mulai penerbitan surat (nomor dicadangkan)")
    APPROVE = "approve", _("Surat disetujui dan diterbitkan")


_S, _DECIDER = LetterState, frozenset({Role.DECIDER})

LETTER_FLOW = Workflow(
    name="cases.letter",
    model_label="cases.RecommendationLetter",
    states=LetterState,
    actions=LetterAction,
    rules=[
        Rule(
            LetterAction.START_APPROVAL,
            frozenset({_S.DRAFT}),
            (_S.APPROVING,),
            _DECIDER,
            "cases.letter.approval_started",
        ),
        Rule(
            LetterAction.APPROVE, frozenset({_S.APPROVING}), (_S.APPROVED,), _DECIDER, "cases.letter.approved"
        ),
    ],  # fmt: skip
    terminal=frozenset({_S.APPROVED}),
    version_field=None,
    stale_message=_("Surat ini sudah disetujui oleh pengguna lain."),
)
