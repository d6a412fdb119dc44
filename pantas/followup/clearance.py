"""JPT clearance (ADR 0056): one answer per NIP for a selection committee, computed set-based — the same small,
fixed number of queries for 1 NIP or 1,000 — stored with the request, audited, and printable as a numbered,
verifiable certificate (a `core.Document`).

Per NIP, the most serious fact wins: `invalid` (malformed NIP) → `not_followed_up` (a recommendation the PPK
has not acted on, or verified as not complied with) → `sanctioned` (an imposed sanction running today) →
`pending` (an open case) → `clear`; a valid NIP that is neither in the registry nor on any case is `unknown`.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from pantas.cases.models import Case
from pantas.cases.pdf import qr_svg
from pantas.cases.workflow import OPEN_STATES as CASE_OPEN_STATES
from pantas.core import audit, documents
from pantas.core.errors import InvalidTransition
from pantas.core.models import Document
from pantas.core.pdf import STATIC_BASE, render_pdf
from pantas.core.workflow import now
from pantas.lib import nip as nip_lib
from pantas.registry.models import CivilServant, EmployeeType, SanctionLevel
from pantas.registry.nip import messages_for

from . import roles
from .models import BlockingRequest, Compliance, FollowUp, SanctionDecree
from .models_clearance import ClearanceChannel, ClearanceRequest, ClearanceResult, ClearanceStatus
from .workflow import BlockingState, FollowUpState

MAX_NIPS = 1000
MAX_PURPOSE = 300
CERTIFICATE_TEMPLATE = "followup/clearance_certificate_pdf.html"
CERTIFICATE_SERIES = "followup-clearance"  # the counter of the former follow-up series: numbers continue
# What the public verification page says (ADR 0044): the kind of letter, never the NIPs it lists. Stored in
# Indonesian; the page translates them through the catalogue.
CERTIFICATE_TITLE = gettext_noop("Surat keterangan rekam jejak")
CERTIFICATE_SUBJECT = gettext_noop("Surat keterangan rekam jejak ASN untuk seleksi terbuka JPT")
# The PPK still owes a decree in these states.
NOT_ACTED_STATES = frozenset(
    {FollowUpState.AWAITING, FollowUpState.ACKNOWLEDGED, FollowUpState.OBJECTED, FollowUpState.ESCALATED}
)
DECREED_STATES = frozenset({FollowUpState.REPORTED, FollowUpState.VERIFIED, FollowUpState.CLOSED})
# Sanctions without an end date that still count as running (removal from a post, dismissal).
OPEN_ENDED_LEVELS = frozenset({SanctionLevel.HEAVY, SanctionLevel.DISMISSAL})
S = ClearanceStatus


@dataclass
class Answer:
    nip: str
    status: str
    name: str = ""
    agency: str = ""
    ends_on: date | None = None
    detail: dict = field(default_factory=dict)


def parse_list(text: str) -> list[str]:
    """A pasted list: one NIP per line, or separated by commas or semicolons; blank entries dropped."""
    entries = []
    for line in (text or "").replace(";", "\n").replace(",", "\n").splitlines():
        line = line.strip()
        if line:
            entries.append(line)
    return entries


def _parse(raw: str, today: date) -> tuple[str, list[str]]:
    """(normalised NIP, error messages). A NIP that is not a valid PNS number may still be a valid NI PPPK."""
    pns = nip_lib.parse(raw, EmployeeType.PNS, today=today)
    if pns.valid:
        return pns.nip, []
    if nip_lib.parse(raw, EmployeeType.PPPK, today=today).valid:
        return pns.nip, []
    return pns.nip[:40], messages_for(pns.errors)


def check_nips(raw_nips: list[str], today: date | None = None) -> list[Answer]:
    """The answers, in the order given (duplicates dropped). Five queries whatever the length of the list."""
    today = today or timezone.localdate()
    answers, seen = [], set()
    for raw in raw_nips:
        nip, errors = _parse(str(raw), today)
        if nip in seen:
            continue
        seen.add(nip)
        answers.append(Answer(nip, S.INVALID, detail={"reasons": errors}) if errors else Answer(nip, S.CLEAR))
    valid = [a.nip for a in answers if a.status != S.INVALID]
    if not valid:
        return answers

    people = {
        row["nip"]: row
        for row in CivilServant.objects.filter(nip__in=valid).values("nip", "name", "agency__name")
    }
    on_record, open_cases = set(), set()
    for subject_nip, state in Case.objects.filter(subject_nip__in=valid).values_list("subject_nip", "state"):
        on_record.add(subject_nip)
        if state in CASE_OPEN_STATES:
            open_cases.add(subject_nip)
    blocked = BlockingRequest.objects.filter(
        follow_up=OuterRef("pk"), state__in=[BlockingState.BLOCKED, BlockingState.UNBLOCK_REQUESTED]
    )
    not_acted = {}
    for row in (
        FollowUp.objects.filter(nip__in=valid)
        .filter(
            Q(state__in=NOT_ACTED_STATES)
            | Q(state__in=DECREED_STATES - {FollowUpState.REPORTED}, compliance=Compliance.NOT_COMPLIED)
        )
        .annotate(blocked=Exists(blocked))
        .values("nip", "due_on", "state", "blocked")
        .order_by("due_on")
    ):
        not_acted.setdefault(row["nip"], row)
    latest = SanctionDecree.objects.filter(follow_up=OuterRef("follow_up")).order_by("-uploaded_at", "-id")
    running = {}
    for row in (
        SanctionDecree.objects.filter(
            follow_up__nip__in=valid,
            follow_up__state__in=DECREED_STATES,
            pk=Subquery(latest.values("pk")[:1]),
            starts_on__lte=today,
        )
        .filter(
            Q(ends_on__gte=today) | Q(ends_on__isnull=True, imposed_sanction__level__in=OPEN_ENDED_LEVELS)
        )
        .values("follow_up__nip", "ends_on", "imposed_sanction__name")
        .order_by("ends_on")
    ):
        current = running.get(row["follow_up__nip"])
        # The sanction that runs longest is the one a committee must know about (no end date = longest).
        if current is None or current["ends_on"] is not None:
            running[row["follow_up__nip"]] = row

    for answer in answers:
        if answer.status == S.INVALID:
            continue
        person = people.get(answer.nip)
        if person:
            answer.name, answer.agency = person["name"], person["agency__name"] or ""
        if answer.nip in not_acted:
            row = not_acted[answer.nip]
            answer.status = S.NOT_FOLLOWED_UP
            answer.detail = {
                "due_on": row["due_on"].isoformat() if row["due_on"] else None,
                "overdue": bool(row["due_on"] and row["due_on"] < today),
                "blocked": row["blocked"],
            }
        elif answer.nip in running:
            row = running[answer.nip]
            answer.status, answer.ends_on = S.SANCTIONED, row["ends_on"]
            answer.detail = {"sanction": row["imposed_sanction__name"]}
        elif answer.nip in open_cases:
            answer.status = S.PENDING
        elif person is None and answer.nip not in on_record:
            answer.status = S.UNKNOWN
        if answer.status in (S.NOT_FOLLOWED_UP, S.SANCTIONED) and answer.nip in open_cases:
            answer.detail["open_case"] = True
    return answers


def run_clearance(user, raw_nips: list[str], purpose: str, channel=ClearanceChannel.WEB) -> ClearanceRequest:
    """Check the NIPs for `user` (selection committee or supervisor staff), store and audit the look-up."""
    if not user.is_authenticated or not user.has_any_role(roles.CLEARANCE):
        raise PermissionDenied
    purpose = (purpose or "").strip()
    errors = {}
    if not purpose:
        errors["purpose"] = _("Sebutkan keperluan penelusuran (mis. seleksi terbuka JPT yang mana).")
    elif len(purpose) > MAX_PURPOSE:
        errors["purpose"] = _("Keperluan paling banyak %(n)s karakter.") % {"n": MAX_PURPOSE}
    if not raw_nips:
        errors["nips"] = _("Masukkan paling sedikit satu NIP.")
    elif len(raw_nips) > MAX_NIPS:
        errors["nips"] = _(
            "Paling banyak %(max)s NIP dalam satu penelusuran; Anda mengirim %(n)s. Bagi daftar menjadi "
            "beberapa penelusuran."
        ) % {"max": number_format(MAX_NIPS, force_grouping=True), "n": len(raw_nips)}
    if errors:
        raise ValidationError(errors)
    moment = now()
    answers = check_nips(raw_nips, timezone.localdate(moment))
    counts = {}
    for answer in answers:
        counts[answer.status] = counts.get(answer.status, 0) + 1
    with transaction.atomic():
        request = ClearanceRequest.objects.create(
            organisation_id=user.organisation_id,
            requested_by=user,
            requested_at=moment,
            as_of=timezone.localdate(moment),
            purpose=purpose,
            channel=channel,
            nip_count=len(answers),
            counts=counts,
        )
        ClearanceResult.objects.bulk_create(
            [
                ClearanceResult(
                    request=request,
                    position=index,
                    nip=a.nip,
                    status=a.status,
                    name=a.name[:150],
                    agency=a.agency[:200],
                    ends_on=a.ends_on,
                    detail=a.detail,
                )
                for index, a in enumerate(answers, start=1)
            ]
        )
        audit.record(
            "followup.clearance.checked",
            request,
            actor=user,
            reason=purpose,
            at=moment,
            data={"nips": [a.nip for a in answers], "channel": channel, "counts": counts},
        )
    request.answers = answers
    return request


def _certificate_number(value: int, on: date) -> str:
    return f"SKRJ-{on.year}-{value:06d}"  # surat keterangan rekam jejak


def issue_certificate(request: ClearanceRequest, user) -> ClearanceRequest:
    """Number and render the certificate once, as a `core.Document` (ADR 0044): reserve in a short transaction,
    render with nothing locked, store. Later downloads serve the same bytes; a failed render is retried with the
    same number. The public verification page shows the subject and the committee, never the NIPs."""
    with transaction.atomic():
        locked = (
            ClearanceRequest.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=request.pk)
        )
        if locked.document_id is None:
            locked.document = documents.reserve(
                CERTIFICATE_SERIES,
                number_format=_certificate_number,
                title=CERTIFICATE_TITLE,
                actor=user,
                scope="",
                on=timezone.localdate(now()),
                addressee=locked.organisation.name if locked.organisation else "",
                subject=CERTIFICATE_SUBJECT,
            )
            ClearanceRequest.objects.filter(pk=locked.pk).update(document=locked.document)
    document = locked.document
    if document.is_issued:
        return locked
    pdf = documents.render(document, lambda number, code, url: render_certificate(locked, document, url))
    try:
        with transaction.atomic():
            locked.document = documents.store(document, pdf, actor=user)
            audit.record(
                "followup.clearance.certificate_issued",
                locked,
                actor=user,
                data={"number": document.number, "sha256": locked.document.sha256},
            )
    except InvalidTransition:
        # Issued meanwhile by a colleague: theirs is the certificate (same number, stored once).
        locked.document = Document.objects.get(pk=document.pk)
        if not locked.document.is_issued:
            raise
    return locked


def render_certificate(request: ClearanceRequest, document, url: str) -> bytes:
    html = render_to_string(
        CERTIFICATE_TEMPLATE,
        {
            "request": request,
            "document": document,
            "results": request.results.order_by("position"),
            "statuses": ClearanceStatus,
            "verify_url": url,
            "qr": qr_svg(url),
            "static_base": STATIC_BASE,
            "for_pdf": True,
        },
    )
    return render_pdf(html)


def read_nip_column(data: bytes, filename: str) -> list[str]:
    """The first column of an uploaded CSV or XLSX (checked for ZIP and XML bombs like intake imports); a first
    row without digits is taken as a header."""
    from pantas.intake import spreadsheets as sheets

    if not data:
        raise sheets.SpreadsheetError(_("Berkas kosong."))
    if len(data) > sheets.MAX_BYTES:
        raise sheets.SpreadsheetError(_("Berkas terlalu besar (maksimal 5 MB)."))
    name = (filename or "").lower()
    values = []
    if data.startswith(b"PK\x03\x04") and name.endswith(".xlsx"):
        import openpyxl

        sheets._check_zip(data, sheets.WEB)
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                for row in workbook.worksheets[0].iter_rows(max_col=1):
                    values.append(sheets._cell(row[0].value) if row else "")
                    if len(values) > MAX_NIPS + 1:
                        break
            finally:
                workbook.close()
        except Exception as exc:  # noqa: BLE001 - defusedxml and openpyxl raise many types; all mean "refused"
            raise sheets._unreadable(exc) from None
    elif name.endswith(".csv") and not data.startswith(b"PK"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise sheets.SpreadsheetError(_("Berkas CSV harus berenkode UTF-8.")) from None
        for row in csv.reader(io.StringIO(text.replace(";", ","))):
            values.append(row[0].strip() if row else "")
    else:
        raise sheets.SpreadsheetError(_("Format tidak didukung. Unggah berkas .xlsx atau .csv (UTF-8)."))
    if values and not any(ch.isdigit() for ch in values[0]):
        values = values[1:]
    return [v for v in (value.strip() for value in values) if v]
