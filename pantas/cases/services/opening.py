"""Opening cases from a report: one case per reported person; a person of a report linked as duplicate joins
the case that already holds the same person (ADR 0021)."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pantas.core import audit
from pantas.core.errors import DomainError, InvalidTransition, NotAllowed
from pantas.core.roles import Role
from pantas.intake.models import Report, ReportedPerson
from pantas.registry.models import Authority

from ..models import Case, CaseReport, CaseReportHow, CaseStatusChange
from ..roles import OPENER_ROLES
from ..workflow import CaseState
from .core import sync_report_statuses
from .deadlines import due_date
from .numbering import case_number, reserve_case_numbers
from .routing import route_for


def related_report_ids(report: Report) -> set[int]:
    """Reports tied to this one by `linked_to` (its original, its duplicates, and the original's duplicates)."""
    ids = set(Report.objects.filter(linked_to=report).values_list("pk", flat=True))
    if report.linked_to_id:
        ids.add(report.linked_to_id)
        ids |= set(Report.objects.filter(linked_to_id=report.linked_to_id).values_list("pk", flat=True))
    ids.discard(report.pk)
    return ids


def same_person(person: ReportedPerson) -> Q:
    match = Q(pk__in=[])
    if person.civil_servant_id:
        match |= Q(reported_person__civil_servant_id=person.civil_servant_id)
    if person.nip:
        match |= Q(reported_person__nip=person.nip)
    if person.name_key and person.agency_id:
        match |= Q(reported_person__name_key=person.name_key, reported_person__agency_id=person.agency_id)
    return match


def existing_case_for(person: ReportedPerson, related_ids: set[int]) -> Case | None:
    if not related_ids:
        return None
    link = (
        CaseReport.objects.filter(report_id__in=related_ids)
        .filter(same_person(person))
        .select_related("case")
        .order_by("added_at")
        .first()
    )
    case = link.case if link else None
    while case is not None and case.merged_into_id:  # a merged case lives on in its target
        case = case.merged_into
    return case


def subject_fields(person: ReportedPerson) -> dict:
    servant = person.civil_servant
    return {
        "subject_name": person.name,
        "subject_nip": person.nip or (servant.nip if servant else ""),
        "employee_type": person.employee_type,
        "civil_servant": servant,
        "position_title": person.position_title or (servant.position_title if servant else ""),
        "position_class": person.position_class or (servant.position_class if servant else ""),
        "agency": person.agency or (servant.agency if servant else None),
    }


def new_case(report: Report, person: ReportedPerson, actor, number: str, authority: Authority) -> Case:
    fields = subject_fields(person)
    route = route_for(fields["agency"], report.election)
    analyst_opens = actor is not None and actor.has_role(Role.ANALYST)
    return Case(
        number=number,
        track=report.track,
        category=report.category,
        election=report.election,
        election_stage=report.election_stage,
        authority=authority,
        received_at=report.received_at,
        report_mode=report.mode or "",  # statistics' dimensions of the opening report (ADR 0140)
        report_source=report.source or "",
        province=person.province or report.province,
        regency=person.regency or report.regency,
        assignee=actor if analyst_opens else None,
        due_on=due_date("verification", report.received_at),
        deadline_code="verification",
        addressee=route.addressee,
        conflict_of_interest=route.conflict_of_interest,
        routing_note=route.note,
        **fields,
    )


def open_cases_for_report(report: Report, actor) -> list[Case]:
    """Open (or join) the case of every reported person of `report` not yet in a case."""
    if actor is None or not actor.has_any_role(OPENER_ROLES):
        raise NotAllowed(_("Peran Anda tidak berwenang membuka kasus."))
    with transaction.atomic():
        # Lock the report row so two clicks cannot open the same person twice (the OneToOne also refuses it).
        report = Report.objects.select_for_update(of=("self",)).select_related("election").get(pk=report.pk)
        persons = list(
            report.reported_persons.filter(case_link__isnull=True).select_related("civil_servant", "agency")
        )
        if not persons:
            raise InvalidTransition(
                _("Semua terlapor dalam laporan %(number)s sudah masuk kasus.") % {"number": report.number}
            )
        authority = Authority.objects.for_date(timezone.localdate(report.received_at))
        if authority is None:
            raise DomainError(_("Tidak ada otoritas pengawas untuk tanggal laporan ini (data referensi)."))
        related = related_report_ids(report)
        now = timezone.now()
        touched: list[Case] = []
        for person in persons:
            case = existing_case_for(person, related)
            if case is not None:
                CaseReport.objects.create(
                    case=case, report=report, reported_person=person, how=CaseReportHow.LINKED, added_by=actor
                )
                audit.record(
                    "cases.case.report_linked",
                    case,
                    actor=actor,
                    data={"report": report.number, "reported_person": person.pk},
                    at=now,
                )
            else:
                year = timezone.localdate(now).year
                number = case_number(year, reserve_case_numbers(year))
                case = new_case(report, person, actor, number, authority)
                case.save(force_insert=True)
                CaseReport.objects.create(case=case, report=report, reported_person=person, added_by=actor)
                CaseStatusChange.objects.create(
                    case=case, from_state="", to_state=CaseState.RECEIVED, action="open", actor=actor, at=now
                )
                audit.record(
                    "cases.case.opened",
                    case,
                    actor=actor,
                    data={
                        "report": report.number,
                        "reported_person": person.pk,
                        "authority": authority.code,
                        "addressee": case.addressee_id,
                        "conflict_of_interest": case.conflict_of_interest,
                        "assignee": case.assignee_id,
                    },
                    at=now,
                )
            touched.append(case)
        sync_report_statuses([report.pk], actor)
    return touched


def reports_without_case():
    """Reports with at least one reported person not yet in a case (the intake desk's queue)."""
    return Report.objects.filter(reported_persons__case_link__isnull=True).distinct()
