"""Press summary (ADR 0077): for an election and a date, the figures a supervisor reads out at a press
conference — totals, top provinces, main modes, follow-up — as sentences in the active language, every number
carrying the URL of the public query that produced it (page and PDF render the same `Summary`)."""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .disclosure import min_cell
from .formatting import format_count, format_percent
from .public.figures import public_table


@dataclass
class Figure:
    text: str  # the number as printed
    url: str  # the public API query that produced it


@dataclass
class Summary:
    election: str
    election_label: str
    as_of: date | None
    paragraphs: list[str] = field(default_factory=list)  # safe HTML, every number a link to its query
    sources: list[Figure] = field(default_factory=list)


def api_url(election, group_by=None, as_of=None) -> str:
    params = {"election": election}
    if group_by:
        params["group_by"] = group_by
    if as_of:
        params["as_of"] = as_of.isoformat()
    return f"{reverse('api-public-stats')}?{urlencode(params)}"


def _count(value, url) -> Figure:
    return Figure(_("(disembunyikan)"), "") if value is None else Figure(format_count(value), url)


def _pct(value, url) -> Figure:
    return Figure(_("(disembunyikan)"), "") if value is None else Figure(format_percent(value), url)


def _sentence(template: str, **figures) -> str:
    """Translate-once sentence: %(name)s placeholders become links to the figure's query."""
    parts = {
        name: format_html('<a href="{}" class="figure">{}</a>', f.url, f.text) if f.url else escape(f.text)
        for name, f in figures.items()
    }
    return mark_safe(escape(template) % parts)  # noqa: S308 - template and parts escaped


def _listing(rows, url) -> str:
    return ", ".join(f"{escape(r['label'])} {_sentence('%(n)s', n=_count(r['reported'], url))}" for r in rows)


def build(election: str, election_label: str, as_of: date | None) -> Summary:
    total_url = api_url(election, as_of=as_of)
    total = public_table(election, as_of=as_of).total
    summary = Summary(election, election_label, as_of)
    when = formats.date_format(as_of, "DATE_FORMAT") if as_of else _("hari ini")
    summary.paragraphs.append(
        _sentence(
            _(
                "Hingga %(date)s, pengawas ASN mencatat %(reported)s ASN dilaporkan diduga melanggar netralitas "
                "pada %(election)s; %(proven)s di antaranya terbukti melanggar (%(proven_rate)s) dan "
                "direkomendasikan untuk dijatuhi sanksi."
            ),
            date=Figure(when, ""),
            election=Figure(election_label, ""),
            reported=_count(total["reported"], total_url),
            proven=_count(total["proven"], total_url),
            proven_rate=_pct(total["proven_rate"], total_url),
        )
    )
    if total["followed_up"] is None:
        text = _(
            "Jumlah tindak lanjut PPK belum dapat diterbitkan: kurang dari %(k)s atau dapat dihitung dari angka lain."
        )
        summary.paragraphs.append(escape(text % {"k": min_cell()}))
    else:
        summary.paragraphs.append(
            _sentence(
                _(
                    "PPK telah menindaklanjuti rekomendasi terhadap %(followed)s ASN (%(rate)s dari yang terbukti)."
                ),
                followed=_count(total["followed_up"], total_url),
                rate=_pct(total["follow_up_rate"], total_url),
            )
        )
    if total["bawaslu"] is not None:
        summary.paragraphs.append(
            _sentence(
                _("Sebanyak %(bawaslu)s laporan merupakan penerusan Bawaslu."),
                bawaslu=_count(total["bawaslu"], total_url),
            )
        )
    for group_by, n, template in (
        ("province", 5, _("Provinsi dengan laporan terbanyak: %(list)s.")),
        ("mode", 3, _("Bentuk pelanggaran yang paling banyak: %(list)s.")),
    ):
        top = public_table(election, group_by, as_of=as_of).top("reported", n)
        if top:
            listing = _listing(top, api_url(election, group_by, as_of))
            summary.paragraphs.append(mark_safe(escape(template) % {"list": listing}))  # noqa: S308
    summary.paragraphs.append(
        escape(
            _(
                "Angka dihitung dari data kasus; sel dengan jumlah kecil disembunyikan untuk melindungi pihak "
                "yang dilaporkan."
            )
        )
    )
    summary.sources = [
        Figure(_("Total"), total_url),
        Figure(_("Per provinsi"), api_url(election, "province", as_of)),
        Figure(_("Per bentuk pelanggaran"), api_url(election, "mode", as_of)),
    ]
    return summary
