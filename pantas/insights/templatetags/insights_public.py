from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..disclosure import min_cell
from ..formatting import format_count, format_decimal, format_percent

register = template.Library()

GROUP_TITLES = {
    "category": lambda: _("Per kategori pelanggaran"),
    "mode": lambda: _("Per bentuk pelanggaran"),
    "position_class": lambda: _("Per kelompok jabatan"),
    "source": lambda: _("Per sumber laporan"),
}


@register.simple_tag
def cell(value):
    """A published count, or the suppression marker."""
    if value is None:
        return format_html(
            '<span class="suppressed" title="{}">{}</span>',
            _("Kurang dari %(k)s atau dapat dihitung dari sel lain") % {"k": min_cell()},
            _("disembunyikan"),
        )
    return format_count(value)


@register.simple_tag
def pct(value):
    return format_percent(value)


@register.simple_tag
def figure(published):
    """A published aggregate as printed: counts grouped, shares as percentages."""
    if published.unit == "share":
        return format_percent(float(published.value) * 100)
    value = published.value
    return format_count(int(value)) if value == value.to_integral_value() else format_decimal(float(value))


@register.simple_tag
def group_title(group):
    return GROUP_TITLES.get(group, lambda: group)()


@register.filter
def split(value):
    return value.split()


@register.simple_tag
def fnum(value):
    """A forecast count (a mean of simulated counts) rounded to a whole number."""
    return "—" if value is None else format_count(round(value))


@register.simple_tag
def fdec(value, places=1):
    return "—" if value is None else format_decimal(value, places)


@register.simple_tag
def share(value):
    """A proportion (0–1) as a percentage."""
    return format_percent(None if value is None else value * 100)
