"""The one ValidationError → form mapping of the web views."""

from django import forms
from django.core.exceptions import ValidationError

from pantas.core.forms import apply_validation_error


class SampleForm(forms.Form):
    reason = forms.CharField(required=False)
    person_nip = forms.CharField(required=False)


def bound():
    form = SampleForm({"reason": "x", "person_nip": "1"})
    assert form.is_valid()
    return form


def test_field_errors_go_next_to_their_field_and_the_rest_on_top():
    form = bound()
    apply_validation_error(form, ValidationError({"reason": "Alasan wajib.", "other": ["A", "B"]}))
    assert form.errors["reason"] == ["Alasan wajib."]
    assert form.non_field_errors() == ["A", "B"]


def test_service_keys_can_be_mapped_to_form_fields():
    form = bound()
    apply_validation_error(form, ValidationError({"nip": "NIP salah."}), {"nip": "person_nip"})
    assert form.errors["person_nip"] == ["NIP salah."]


def test_a_plain_error_goes_on_top():
    form = bound()
    apply_validation_error(form, ValidationError("Tidak bisa."))
    assert form.non_field_errors() == ["Tidak bisa."]
