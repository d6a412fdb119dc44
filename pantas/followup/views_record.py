"""The track record page `/asn/<nip>/rekam-jejak/` (ADR 0055): thin — scope, data and audit live in
`track_record`."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache

from pantas.core.permissions import role_required

from . import roles
from .track_record import view_record
from .workflow import BlockingState


@role_required(*roles.TRACK_RECORD)
@never_cache
def record(request, nip):
    data = view_record(request.user, nip, channel="web")
    return render(request, "followup/record.html", {"record": data, "blocking_states": BlockingState})
