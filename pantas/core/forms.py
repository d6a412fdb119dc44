"""Form helpers shared by every app's web views."""

import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from pantas.lib import uploads
from pantas.lib.text import has_invalid_characters

from .errors import INVALID_TEXT, DomainError, NotAllowed


class FastSelect(forms.Select):
    """A `<select>` written in Python, attribute for attribute what Django's templates write. The template
    renderer includes one template per option: a list page's filter form with the 600+ agencies spent more time
    drawing its options than the page spent in the database (ADR 0136)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            parts.extend(
                format_html('<option value="{}"{}>{}</option>', o["value"], flatatt(o["attrs"]), o["label"])
                for o in options
            )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part is built with format_html


def use_fast_selects(form) -> None:
    """Draw every plain single `<select>` of `form` with `FastSelect` (same markup, no template per option)."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            field.widget.__class__ = FastSelect


class StrictTextMixin:
    """Text fields refuse what `lib.text.has_invalid_characters` names — above all U+FFFD, which is what
    Django made of invalid UTF-8 in the request: a field error instead of silently replaced text (ADR 0092)."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or name in self.errors:
                continue
            raw = self.data.get(self.add_prefix(name)) if hasattr(self.data, "get") else None
            if isinstance(raw, str) and has_invalid_characters(raw):
                self.add_error(name, INVALID_TEXT)
        return cleaned


def apply_validation_error(form, exc: ValidationError, field_map: dict | None = None) -> None:
    """Show a service's ValidationError on a form — the one mapping the web views use (the API's is
    `pantas.api.exceptions.validation_error_detail`). Keys that name a form field, directly or through
    `field_map` (service key → field name), go next to that field; the rest go to the top of the form."""
    items = exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
    for key, errors in items:
        name = (field_map or {}).get(key, key)
        form.add_error(name if name in form.fields else None, errors)


def run_for_form(form, call) -> bool:
    """Run a service call for a bound form: its ValidationError lands on the form's fields, another DomainError
    (wrong state, stale version) as a form error, NotAllowed as a 403. True when the call succeeded."""
    try:
        call()
    except ValidationError as exc:
        apply_validation_error(form, exc)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except DomainError as exc:
        form.add_error(None, exc.message)
    else:
        return True
    return False


def flash_validation_error(request, exc: ValidationError) -> None:
    """Show a service's ValidationError as error messages on the next page (for buttons without a form)."""
    for message in exc.messages:
        messages.error(request, message)


def clean_pdf_upload(
    upload, *, max_bytes: int, missing: str, too_large: str, not_pdf: str
) -> tuple[bytes, str]:
    """The checked bytes of an uploaded PDF (type sniffed, no active content, not truncated) and their SHA-256,
    or ValidationError on the `file` field with the caller's wording for what is specific to its document."""
    if upload is None:
        raise ValidationError({"file": missing})
    if upload.size > max_bytes:
        raise ValidationError({"file": too_large})
    data = upload.read()
    if uploads.sniff(data[:16]) != "application/pdf":
        raise ValidationError({"file": not_pdf})
    try:
        uploads.check_polyglot(data, "application/pdf")
    except uploads.UploadRejected as exc:
        messages = {
            uploads.PDF_ACTIVE: _("PDF berisi JavaScript, lampiran, atau konten aktif lain dan ditolak."),
            uploads.PDF_TRUNCATED: _("PDF rusak atau tidak lengkap."),
        }
        raise ValidationError(
            {"file": messages.get(exc.code, _("Berkas berisi konten tersembunyi dan ditolak."))}
        ) from None
    return data, hashlib.sha256(data).hexdigest()
