"""Letter PDFs, rendered by `pantas.core.pdf`: the only resources a letter may load are our own static files
(P-18), linked under `STATIC_BASE`. User text reaches the template only autoescaped.
"""

from io import BytesIO

import segno
from django.template.loader import render_to_string

from pantas.core.pdf import STATIC_BASE, render_pdf

LETTER_TEMPLATE = "cases/letters/recommendation_pdf.html"


def qr_svg(data: str) -> str:
    """An inline SVG QR code (inline, so the PDF needs no data: URL)."""
    buffer = BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=3, border=2, xmldecl=False, svgns=True)
    return buffer.getvalue().decode()


def render_letter_pdf(context: dict) -> bytes:
    html = render_to_string(LETTER_TEMPLATE, {**context, "static_base": STATIC_BASE, "for_pdf": True})
    return render_pdf(html)
