"""The public letter-verification page: confirms a letter's number, date, authority, addressee and SHA-256,
and nothing about the reported civil servant."""

import hashlib

from django.shortcuts import render
from django.utils.translation import gettext as _

from pantas.core.permissions import public

from ..models import LetterState, RecommendationLetter

MAX_UPLOAD = 10 * 1024 * 1024


def find_letter(code: str):
    code = (code or "").strip().upper()
    return (
        RecommendationLetter.objects.select_related("authority", "addressee")
        .filter(verification_code=code, state=LetterState.APPROVED)
        .first()
    )


@public
def verify_letter(request, code):
    letter = find_letter(code)
    match = error = None
    if request.method == "POST" and letter is not None:
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Pilih berkas PDF surat yang ingin dicocokkan.")
        elif upload.size > MAX_UPLOAD:
            error = _("Berkas terlalu besar (maksimal 10 MB).")
        else:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            match = bool(letter.sha256) and digest.hexdigest() == letter.sha256
    context = {"letter": letter, "code": code, "match": match, "error": error}
    return render(request, "cases/verify_letter.html", context, status=200 if letter else 404)
