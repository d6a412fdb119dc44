"""Data-subject export (UU 27/2022 Pasal 7: the right to obtain one's own data): everything the system holds
about one civil servant, for the supervisor to hand over (ADR 0095).

Included: the register record, each report naming them (number, dates, category, status: what was alleged,
not by whom), each case (states, dates, decisions with findings and sanction). Never included: reporter
identities (sealed; not the subject's data), evidence files, internal notes, or other persons' data.
"""

from django.db import transaction
from django.utils import timezone

from pantas.core import audit
from pantas.intake.models import ReportedPerson
from pantas.registry.models import CivilServant

from .models import Case


def _iso(value):
    return value.isoformat() if value else None


def export_subject(nip: str, actor=None) -> dict:
    servant = CivilServant.objects.select_related("agency", "province", "regency").filter(nip=nip).first()
    persons = ReportedPerson.objects.filter(nip=nip).select_related("report", "report__category", "agency")
    cases = (
        Case.objects.filter(subject_nip=nip)
        .select_related("category", "agency")
        .prefetch_related("decisions__sanction")
    )
    data = {
        "generated_at": timezone.now().isoformat(),
        "nip": nip,
        "register": None
        if servant is None
        else {
            "nip": servant.nip,
            "name": servant.name,
            "employee_type": servant.employee_type,
            "gender": servant.gender,
            "birth_date": _iso(servant.birth_date),
            "agency": servant.agency.name,
            "position_class": servant.position_class,
            "position_title": servant.position_title,
            "province": getattr(servant.province, "name", None),
            "regency": getattr(servant.regency, "name", None),
        },
        "reports": [
            {
                "number": p.report.number,
                "received_at": _iso(p.report.received_at),
                "status": p.report.status,
                "category": getattr(p.report.category, "name", None),
                "name_as_reported": p.name,
                "position_as_reported": p.position_title,
                "agency": getattr(p.agency, "name", None) or p.agency_text,
            }
            for p in persons
        ],
        "cases": [
            {
                "number": c.number,
                "state": c.state,
                "received_at": _iso(c.received_at),
                "decided_at": _iso(c.decided_at),
                "closed_at": _iso(c.closed_at),
                "category": getattr(c.category, "name", None),
                "agency": getattr(c.agency, "name", None),
                "decisions": [
                    {
                        "outcome": d.outcome,
                        "decided_at": _iso(d.decided_at),
                        "findings": d.findings,
                        "sanction": str(d.sanction) if d.sanction_id else None,
                        "superseded_at": _iso(d.superseded_at),
                    }
                    for d in c.decisions.all()
                ],
            }
            for c in cases
        ],
    }
    with transaction.atomic():
        audit.record(
            "cases.subject_data.exported",
            object_type="registry.civilservant",
            object_id=nip,
            actor=actor,
            data={"reports": len(data["reports"]), "cases": len(data["cases"])},
        )
    return data
