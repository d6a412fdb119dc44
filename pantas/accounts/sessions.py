"""Idle and absolute session timeouts (P-15, ADR 0094).

The login stamps the session (`user_logged_in`); every request checks both limits and logs the user out when
either is passed. The "last seen" stamp is rewritten at most once a minute so a busy page does not save the
session on every request.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .services import AUTH_AT, SEEN_AT


@receiver(user_logged_in, dispatch_uid="pantas.accounts.stamp_session")
def stamp_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[AUTH_AT] = now
        request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            session = request.session
            now = int(time.time())
            auth_at = session.setdefault(AUTH_AT, now)
            seen_at = session.setdefault(SEEN_AT, now)
            if (
                now - auth_at > settings.SESSION_ABSOLUTE_TIMEOUT
                or now - seen_at > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)  # flushes the session; deny-by-default then sends the user to the login page
            elif now - seen_at >= 60:
                session[SEEN_AT] = now
        return self.get_response(request)
