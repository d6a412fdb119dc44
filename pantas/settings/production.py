"""Production: every secret from the environment, HTTPS-only cookies, HSTS. Refuses to start half-configured."""

from django.core.exceptions import ImproperlyConfigured

from pantas.lib.services import database_url_problem, redis_url_problem

from .base import *  # noqa: F403
from .base import (
    DATABASE_URL,
    DEBUG,
    EMAIL_OPTIONS,
    PANTAS_DEMO,
    PANTAS_EVIDENCE_KEY,
    PANTAS_PUBLIC_URL,
    REDIS_URL,
    SECRET_KEY,
)

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set (at least 50 characters) in production")
if not PANTAS_EVIDENCE_KEY or len(PANTAS_EVIDENCE_KEY) < 32:
    raise ImproperlyConfigured("PANTAS_EVIDENCE_KEY must be set (at least 32 characters) in production")
if not PANTAS_PUBLIC_URL.startswith("https://"):
    raise ImproperlyConfigured("PANTAS_PUBLIC_URL must be the public https:// address (printed on letters)")
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production")
if PANTAS_DEMO:
    raise ImproperlyConfigured("PANTAS_DEMO must be off in production (demo users have a published password)")
# Rate limits are a security control: they need one atomic counter store every web node shares (ADR 0097).
if not REDIS_URL:
    raise ImproperlyConfigured("REDIS_URL must be set in production (shared rate limits and cache)")
for problem in (redis_url_problem(REDIS_URL), database_url_problem(DATABASE_URL)):
    if problem:
        raise ImproperlyConfigured(problem)

MFA_REQUIRED = True
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Production always sends real mail (recommendation letters reach PPK offices by email).
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": EMAIL_OPTIONS}}
