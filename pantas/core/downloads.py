"""Responses that hand a stored or generated file to the user. Always an attachment, never content-sniffed,
sandboxed and kept out of shared caches, so an uploaded file can never run as a page of our origin (ADR 0013)."""

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

FALLBACK_NAME = "berkas"


def safe_filename(filename: str) -> str:
    """Only letters, digits, dot, dash and space, at most 120 characters: nothing that breaks out of the header
    or names a path."""
    return "".join(ch for ch in filename or "" if ch.isalnum() or ch in "._- ")[:120] or FALLBACK_NAME


def attachment_response(data_or_file, content_type: str, filename: str) -> HttpResponse:
    """`data_or_file` is bytes (sent at once) or an open binary file (streamed and closed by Django)."""
    content_type = content_type or "application/octet-stream"
    name = safe_filename(filename)
    if isinstance(data_or_file, (bytes, bytearray, memoryview)):
        response = HttpResponse(bytes(data_or_file), content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    else:
        response = FileResponse(data_or_file, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
