"""FastSelect writes the markup Django's select templates write (ADR 0136)."""

import pytest
from django import forms

from pantas.core.forms import FastSelect, use_fast_selects


class Sample(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Semua"), ("x", "A & <b>"), ("y", 'Q"t')], required=False)
    grouped = forms.ChoiceField(choices=[("G", [("1", "satu"), ("2", "dua")]), ("3", "tiga")])
    many = forms.MultipleChoiceField(choices=[("a", "a"), ("b", "b")], required=False)


def _norm(html: str) -> str:
    return " ".join(html.split()).replace("> <", "><")


@pytest.mark.parametrize("name", ["plain", "grouped"])
@pytest.mark.parametrize("data", [{}, {"plain": "x", "grouped": "2"}])
def test_same_markup_as_the_templates(name, data):
    form = Sample(data or None)
    templated = form[name].as_widget(attrs={"aria-describedby": "help"})
    form.fields[name].widget.__class__ = FastSelect
    assert _norm(form[name].as_widget(attrs={"aria-describedby": "help"})) == _norm(templated)


def test_only_plain_selects_are_swapped():
    form = Sample()
    use_fast_selects(form)
    assert type(form.fields["plain"].widget) is FastSelect
    assert type(form.fields["many"].widget) is forms.SelectMultiple
