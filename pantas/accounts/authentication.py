from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .services import user_for_token


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer pantas_<id>_<secret>` for partner systems."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        scheme, _sep, raw = header.partition(" ")
        if scheme != self.keyword:
            return None
        user = user_for_token(raw.strip())
        if user is None:
            raise exceptions.AuthenticationFailed(_("Token tidak valid atau sudah dicabut."))
        return user, None

    def authenticate_header(self, request):
        return self.keyword
