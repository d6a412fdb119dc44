"""Recording that an agency's PPK is a candidate in an election, and re-routing the affected open cases."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from pantas.core import audit
from pantas.core.errors import NotAllowed

from ..models import CandidacyDeclaration, Case
from ..roles import DECLARER_ROLES
from .transitions import reroute


def affected_cases(agency, election):
    """Open cases whose PPK is this agency's (Jakarta's administrative cities share the governor)."""
    return (
        Case.objects.open()
        .filter(election=election, routing_overridden=False)
        .filter(Q(agency=agency) | Q(agency__parent=agency, agency__has_own_ppk=False))
    )


def declare_candidacy(actor, *, agency, election, candidate_name: str, source: str, note: str = ""):
    if actor is None or not actor.has_any_role(DECLARER_ROLES):
        raise NotAllowed(_("Peran Anda tidak berwenang mencatat pencalonan PPK."))
    errors = {
        k: _("Wajib diisi.") for k, v in {"candidate_name": candidate_name, "source": source}.items() if not v
    }
    if agency is None:
        errors["agency"] = _("Wajib diisi.")
    if election is None:
        errors["election"] = _("Wajib diisi.")
    if errors:
        raise ValidationError(errors)
    if CandidacyDeclaration.objects.filter(agency=agency, election=election).exists():
        raise ValidationError(
            {"agency": _("Pencalonan PPK instansi ini untuk pemilihan tersebut sudah tercatat.")}
        )
    with transaction.atomic():
        declaration = CandidacyDeclaration.objects.create(
            agency=agency,
            election=election,
            candidate_name=candidate_name,
            source=source,
            note=note,
            declared_by=actor,
        )
        audit.record(
            "cases.candidacy.declared",
            declaration,
            actor=actor,
            reason=note,
            data={"agency": agency.code, "election": election.code, "source": source},
        )
        rerouted = [
            reroute(case, actor, reason=_("Pencalonan PPK tercatat: %(source)s") % {"source": source}).number
            for case in affected_cases(agency, election).select_related("agency", "election")
        ]
    return declaration, rerouted
