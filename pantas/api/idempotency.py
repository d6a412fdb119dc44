"""Idempotency-Key support for API writes (P-04): same key + same body → the stored response, one row;
same key + another body → 422. Keys are scoped per user."""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.response import Response

from pantas.core.models import IdempotencyKey

HEADER = "HTTP_IDEMPOTENCY_KEY"


def body_fingerprint(request) -> str:
    if request.content_type and request.content_type.startswith("multipart/"):
        parts = sorted((k, v) for k, v in request.POST.lists())
        files = sorted((name, f.name, f.size) for name, f in request.FILES.items())
        raw = json.dumps([parts, files], default=str).encode()
    else:
        raw = request.body
    return hashlib.sha256(raw).hexdigest()


def idempotent(scope: str):
    """Decorator for an APIView/ViewSet method that writes; `scope` names the endpoint (e.g. "reports.create")."""

    def decorator(method):
        def wrapper(self, request, *args, **kwargs):
            key = request.META.get(HEADER, "").strip()
            if not key:
                return method(self, request, *args, **kwargs)
            if len(key) > 200:
                return Response(
                    {"detail": _("Idempotency-Key terlalu panjang (maksimal 200 karakter).")}, status=400
                )
            fingerprint = body_fingerprint(request)
            # Claim the key in its own short transaction (status 0 = in progress), then run the write outside
            # it: a service that renders a document between two short transactions (ADR 0044) must not be
            # wrapped in one long one. Failure or an error response releases the claim.
            try:
                with transaction.atomic():
                    claim = IdempotencyKey.objects.create(
                        user=request.user,
                        scope=scope,
                        key=key,
                        fingerprint=fingerprint,
                        status_code=0,
                        response={},
                    )
            except IntegrityError:
                return _replay(request.user, scope, key, fingerprint)
            try:
                response = method(self, request, *args, **kwargs)
            except BaseException:
                claim.delete()
                raise
            if 200 <= response.status_code < 300:
                IdempotencyKey.objects.filter(pk=claim.pk).update(
                    status_code=response.status_code, response=response.data
                )
            else:
                claim.delete()
            return response

        wrapper.__name__ = method.__name__
        wrapper.__doc__ = method.__doc__
        return wrapper

    return decorator


def _replay(user, scope: str, key: str, fingerprint: str) -> Response:
    existing = IdempotencyKey.objects.filter(user=user, scope=scope, key=key).first()
    if existing is None or existing.status_code == 0:
        return Response({"detail": _("Permintaan dengan Idempotency-Key ini sedang diproses.")}, status=409)
    if existing.fingerprint != fingerprint:
        return Response(
            {"detail": _("Idempotency-Key ini sudah dipakai untuk permintaan dengan isi berbeda.")},
            status=422,
        )
    return Response(existing.response, status=existing.status_code)
