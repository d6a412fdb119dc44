"""The public channel: `/lapor/` (anonymous or confidential report → receipt shown once) and `/lapor/status/`
(receipt by POST → status, public messages, reply with more evidence). Works without JavaScript (two small
static scripts only enhance: identity fields, adding rows in place, copy/print of the receipt; without them
"tambah terlapor/tautan" are submit buttons answered here). Files that passed the checks are kept across
re-renders in the encrypted holding area (`security/holding.py`, ADR 0110), no third parties,
`Cache-Control: no-store` on every page (the receipt must not linger in caches)."""

from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pantas.core.errors import DomainError
from pantas.core.forms import apply_validation_error
from pantas.core.permissions import public

from ..forms import MAX_LINK_ROWS, MAX_MORE_PERSONS, PublicReportForm, ReceiptForm, ReporterReplyForm
from ..models import Channel, Report
from ..outcome import report_outcome
from ..security import holding, throttle
from ..services.messages import post_reporter_message
from ..services.receipt_access import WRONG_RECEIPT, lookup_receipt, too_many_message
from ..services.submit import LinkInput, submit_report
from .common import FIELD_MAP, adding_row, agency_names, dropped_file

STATUS_ACCESS_SALT = "pantas.intake.status-access"
STATUS_ACCESS_MAX_AGE = 30 * 60


def _render_form(request, form, status=200, hold_id=None, not_kept=()):
    """The form again. Files that passed the checks are listed as kept ("berkas tersimpan", ADR 0110); files
    that could not be kept are named so the reporter knows exactly which to pick again."""
    form.data = form.data.copy() if form.is_bound else form.data
    hold_value = holding.new_hold() if hold_id is None else None
    if form.is_bound:
        form.data["token"] = throttle.new_form_token()  # a fresh one-time token for the next attempt
        if hold_value:
            form.data["hold"] = hold_value
    else:
        form.initial["token"] = throttle.new_form_token()
        form.initial["hold"] = hold_value
    return render(
        request,
        "intake/public/report_form.html",
        {
            "form": form,
            "agencies": agency_names(),
            "held_files": holding.held(hold_id) if hold_id else [],
            "not_kept": list(not_kept),
            "max_persons": MAX_MORE_PERSONS + 1,
            "max_links": MAX_LINK_ROWS,
        },
        status=status,
    )


def _hold_id(request) -> str | None:
    return holding.open_hold(request.POST.get("hold", ""))


def _keep_files(request, form, hold_id, counted=False):
    """Hold the files of this request that passed the checks; return (hold id, names not kept). Holding writes
    to disk, so it has a rate limit of its own (`rework`), also when the submit limit already refused."""
    accepted = getattr(form.fields["files"], "accepted", None) or []
    if not accepted:
        return hold_id, []
    if not counted and not throttle.check(request, "rework").allowed:
        return hold_id, [f.name for f in accepted]
    if hold_id is None:
        # A form without a valid hold (expired after an hour, or an old page): start a new one.
        value = holding.new_hold()
        form.data = form.data.copy()
        form.data["hold"] = value
        hold_id = holding.open_hold(value)
    try:
        left_out = holding.hold(hold_id, accepted)
    except OSError:
        left_out = accepted
    return hold_id, [f.name for f in left_out]


def _form_again(request, form, status, hold_id):
    """Every error path of `/lapor/`: keep what can be kept, then show the form with its errors."""
    form.is_valid()
    hold_id, not_kept = _keep_files(request, form, hold_id)
    return _render_form(request, form, status=status, hold_id=hold_id, not_kept=not_kept)


def _expired_message(names):
    return _(
        "Berkas yang disimpan sementara sudah dihapus (lebih dari satu jam); pilih ulang: %(names)s."
    ) % {"names": ", ".join(names)}


def _rework(request, form, hold_id, lost=()):
    """A "tambah terlapor", "tambah tautan" or "hapus" press: nothing is sent, the page comes back with one
    more row or one file fewer, without error messages except for refused files."""
    verdict = throttle.check(request, "rework")
    if not verdict.allowed:
        form.is_valid()
        form.add_error(None, too_many_message(verdict.retry_after))
        response = _render_form(request, form, status=429, hold_id=hold_id)
        response["Retry-After"] = str(verdict.retry_after)
        return response
    form.is_valid()
    hold_id, not_kept = _keep_files(request, form, hold_id, counted=True)
    if hold_id and dropped_file(request):
        holding.drop(hold_id, dropped_file(request))
    form.clear_errors_for_more_rows()
    return _render_form(request, form, hold_id=hold_id, not_kept=[*lost, *not_kept])


@public
@never_cache
@require_http_methods(["GET", "POST"])
def report_form(request):
    if request.method == "GET":
        return _render_form(request, PublicReportForm())
    add = adding_row(request)
    form = PublicReportForm(request.POST, request.FILES, add=add)
    hold_id = _hold_id(request)
    if request.POST.get("website"):
        # Honeypot filled in: a bot. Same page, nothing stored, nothing logged about the client.
        form.is_valid()
        form.add_error(None, _("Laporan tidak dapat diproses. Muat ulang halaman lalu coba lagi."))
        return _render_form(request, form, status=400)
    # Names of files held before, posted back by the page: if the hold expired meanwhile, name them.
    lost = [] if hold_id else [n[:120] for n in request.POST.getlist("held_name")[: holding.MAX_HELD]]
    if add or dropped_file(request):
        return _rework(request, form, hold_id, lost)
    if lost:
        form.is_valid()
        form.add_error("files", _expired_message(lost))
        return _form_again(request, form, 400, hold_id)
    token = throttle.check_form_token(request.POST.get("token", ""))
    if token.nonce:
        replay = _replay(request, token.nonce)
        if replay is not None:
            return replay
    if not token.ok:
        form.is_valid()
        if token.too_fast:
            form.add_error(
                None, _("Formulir terkirim terlalu cepat. Periksa isian Anda lalu kirim sekali lagi.")
            )
        else:
            form.add_error(None, _("Formulir sudah kedaluwarsa. Isian Anda tetap ada; kirim sekali lagi."))
        return _form_again(request, form, 400, hold_id)
    for scope, extra in (("submit", ""), ("submit_global", "all")):
        verdict = throttle.check(request, scope, extra)
        if not verdict.allowed:
            form.is_valid()
            form.add_error(None, too_many_message(verdict.retry_after))
            response = _form_again(request, form, 429, hold_id)
            response["Retry-After"] = str(verdict.retry_after)
            return response
    if not form.is_valid():
        return _form_again(request, form, 400, hold_id)
    held, failed = holding.take(hold_id) if hold_id else ([], [])
    if failed:
        form.add_error(
            "files",
            _("Berkas ini tidak dapat dipakai lagi; pilih ulang: %(names)s.") % {"names": ", ".join(failed)},
        )
        return _form_again(request, form, 400, hold_id)
    data = form.to_input(channel=Channel.WEB, submission_key=throttle.submission_key(token.nonce))
    data.files = [*data.files, *held]
    try:
        result = submit_report(data, actor=None)
    except ValidationError as exc:
        apply_validation_error(form, exc, FIELD_MAP)
        return _form_again(request, form, 400, hold_id)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _form_again(request, form, exc.status, hold_id)
    if hold_id:
        holding.clear(hold_id)
    if not result.created:
        return _replay(request, token.nonce) or _already_received(request, result.report)
    throttle.remember_receipt(token.nonce, result.receipt, result.report.number)
    return _receipt_page(request, result.report, result.receipt)


def _receipt_page(request, report, receipt):
    """The receipt, shown once: in groups that never break across lines, with a text slip to download."""
    status_url = request.build_absolute_uri(reverse("intake:status"))
    slip = "\n".join(
        [
            _("Pantas — tanda terima laporan"),
            _("Nomor laporan: %(number)s") % {"number": report.number},
            _("Kode laporan: %(code)s") % {"code": receipt},
            _("Diterima: %(when)s") % {"when": date_format(localtime(report.received_at), "DATETIME_FORMAT")},
            _("Cek status: %(url)s") % {"url": status_url},
            _("Simpan kode ini di tempat aman dan jangan bagikan kepada siapa pun."),
            "",
        ]
    )
    context = {
        "report": report,
        "receipt": receipt,
        "groups": receipt.split("-"),
        # Downloaded through a Blob by receipt.js: the receipt never goes into a URL, not even a data: one.
        "slip": slip,
        "slip_name": f"pantas-{report.number}.txt",
    }
    return render(request, "intake/public/receipt.html", context)


def _replay(request, nonce):
    """The second request of a double click: show the same receipt again (ADR 0010)."""
    report = Report.objects.filter(submission_key=throttle.submission_key(nonce)).first()
    if report is None:
        return None
    remembered = throttle.recall_receipt(nonce)
    if remembered and remembered[0] == report.number:
        return _receipt_page(request, report, remembered[1])
    return _already_received(request, report)


def _already_received(request, report):
    return render(request, "intake/public/already_received.html", {"report": report})


def _access_token(report) -> str:
    return signing.dumps(str(report.uuid), salt=STATUS_ACCESS_SALT)


def _report_from_access(value: str):
    try:
        uuid = signing.loads(value or "", salt=STATUS_ACCESS_SALT, max_age=STATUS_ACCESS_MAX_AGE)
    except signing.BadSignature:
        return None
    return Report.objects.filter(uuid=uuid, receipt_lookup__isnull=False).first()


def _status_page(request, report, reply_form=None, status=200, notice=""):
    messages = report.public_messages()
    reply_form = reply_form or ReporterReplyForm(initial={"access": _access_token(report)})
    if reply_form.is_bound:
        reply_form.data = reply_form.data.copy()
        reply_form.data["access"] = _access_token(report)
        reply_form.data["token"] = throttle.new_form_token()
    else:
        reply_form.initial["token"] = throttle.new_form_token()
    history = report.status_history.order_by("at", "id")
    return render(
        request,
        "intake/public/status.html",
        {
            "report": report,
            "messages_list": messages,
            "history": history,
            "reply_form": reply_form,
            "notice": notice,
            "evidence_count": report.evidence.count(),
            "outcomes": report_outcome(report),
        },
        status=status,
    )


@public
@never_cache
@require_http_methods(["GET", "POST"])
def status(request):
    if request.method == "GET":
        return render(request, "intake/public/status_lookup.html", {"form": ReceiptForm()})
    if "access" in request.POST:
        return _reply(request)
    form = ReceiptForm(request.POST)
    verdict = throttle.check(request, "receipt")
    if not verdict.allowed:
        form.is_valid()
        form.add_error(None, too_many_message(verdict.retry_after))
        response = render(request, "intake/public/status_lookup.html", {"form": form}, status=429)
        response["Retry-After"] = str(verdict.retry_after)
        return response
    if not form.is_valid():
        return render(request, "intake/public/status_lookup.html", {"form": form}, status=400)
    report = lookup_receipt(request, form.cleaned_data["receipt"])
    if report is None:
        form.add_error("receipt", WRONG_RECEIPT)
        return render(request, "intake/public/status_lookup.html", {"form": form}, status=400)
    return _status_page(request, report)


def _reply(request):
    report = _report_from_access(request.POST.get("access", ""))
    if report is None:
        expired = _("Sesi pemantauan berakhir (30 menit). Masukkan kode laporan Anda lagi.")
        return render(
            request, "intake/public/status_lookup.html", {"form": ReceiptForm(), "error": expired}, status=400
        )
    form = ReporterReplyForm(request.POST, request.FILES)
    verdict = throttle.check(request, "reply")
    if not verdict.allowed:
        form.is_valid()
        form.add_error(None, too_many_message(verdict.retry_after))
        return _status_page(request, report, form, status=429)
    if not form.is_valid():
        return _status_page(request, report, form, status=400)
    token = throttle.check_form_token(request.POST.get("token", ""))
    key = throttle.submission_key(token.nonce) if token.nonce else None
    links = [LinkInput(url=form.cleaned_data["link_url"])] if form.cleaned_data.get("link_url") else []
    try:
        post_reporter_message(
            report,
            form.cleaned_data["body"],
            files=form.cleaned_data.get("files") or [],
            link_inputs=links,
            submission_key=key,
        )
    except ValidationError as exc:
        apply_validation_error(form, exc, FIELD_MAP)
        return _status_page(request, report, form, status=400)
    except DomainError as exc:
        form.add_error(None, exc.message)
        return _status_page(request, report, form, status=exc.status)
    return _status_page(request, report, notice=_("Balasan Anda sudah kami terima. Terima kasih."))
