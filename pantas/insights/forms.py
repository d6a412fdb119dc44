"""The statistics filter: one GET form for the dashboard, its exports and the staff API (same rows)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pantas.cases import facts

from .definitions import DIMENSIONS
from .stats import FILTERS, GROUPS, Query

ALL = [("", _("Semua"))]


class StatsFilterForm(forms.Form):
    as_of = forms.DateField(
        label=_("Per tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_from = forms.DateField(
        label=_("Diterima sejak"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Diterima sampai"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, dimensions=FILTERS, **kwargs):
        super().__init__(*args, **kwargs)
        for name in dimensions:
            if name == "addressee":  # a code from a league-table link; no select of every PPK office
                self.fields[name] = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
                continue
            self.fields[name] = forms.ChoiceField(
                label=DIMENSIONS[name], required=False, choices=ALL + list(facts.choices(name))
            )

    def query(self, group_by=(), medians=True) -> Query:
        """The query of the valid form (call `is_valid()` first); invalid input never reaches here."""
        data = self.cleaned_data
        return Query(
            filters={name: data[name] for name in FILTERS if data.get(name)},
            group_by=tuple(group_by),
            as_of=data.get("as_of"),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            medians=medians,
        )

    def case_list_params(self) -> dict:
        """The same filter as parameters of the case list (`/kasus/?…`), for drill-down links."""
        data = self.cleaned_data
        return {name: data[name] for name in FILTERS if data.get(name)}


class GroupForm(forms.Form):
    group_by = forms.MultipleChoiceField(
        required=False, choices=[(g, DIMENSIONS[g]) for g in GROUPS], widget=forms.CheckboxSelectMultiple
    )
