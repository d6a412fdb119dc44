"""Settings shared by every environment, read from the environment (12-factor).

Environment overlays (`dev`, `test`, `production`) only change defaults and strictness; every value a deployment
needs to set is read here with a typed reader from `pantas.lib.env`.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from pantas.lib.env import EnvError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PANTAS_VAR_DIR", str(BASE_DIR / "var")))

try:
    DEBUG = env_bool("DEBUG", False)
    PANTAS_DEMO = env_bool("PANTAS_DEMO", False)
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
    DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'pantas.sqlite3'}")
    MEDIA_ROOT = Path(env_str("PANTAS_MEDIA_ROOT", str(VAR_DIR / "media")))
    EVIDENCE_ROOT = Path(env_str("PANTAS_EVIDENCE_ROOT", str(VAR_DIR / "evidence")))
    _email_kind = env_str("EMAIL_BACKEND_KIND", "console")
    EMAIL_OPTIONS = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25, minimum=1),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
    DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "pantas@localhost")
    LOGIN_MAX_FAILURES = env_int("PANTAS_LOGIN_MAX_FAILURES", 5, minimum=1)
    LOGIN_LOCKOUT_MINUTES = env_int("PANTAS_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
    # /healthz turns unhealthy when the deadline sweep or the task queue is stale (ADR 0052).
    PANTAS_SWEEP_MAX_AGE_HOURS = env_int("PANTAS_SWEEP_MAX_AGE_HOURS", 26, minimum=1)
    PANTAS_TASK_QUEUE_MAX_LAG_MINUTES = env_int("PANTAS_TASK_QUEUE_MAX_LAG_MINUTES", 15, minimum=1)
    # Public data centre: the smallest count published in any cell (ADR 0076).
    PANTAS_PUBLIC_MIN_CELL = env_int("PANTAS_PUBLIC_MIN_CELL", 5, minimum=1)
    MFA_REQUIRED = env_bool("PANTAS_MFA_REQUIRED", not PANTAS_DEMO)
    # Revealing an identity or changing roles needs a TOTP checked within this many minutes (P-16).
    MFA_REAUTH_MINUTES = env_int("PANTAS_MFA_REAUTH_MINUTES", 5, minimum=1)
    # Sessions end after this much inactivity, and at the latest this long after login (P-15).
    SESSION_IDLE_TIMEOUT = 60 * env_int("PANTAS_SESSION_IDLE_MINUTES", 30, minimum=1)
    SESSION_ABSOLUTE_TIMEOUT = 60 * env_int("PANTAS_SESSION_ABSOLUTE_MINUTES", 8 * 60, minimum=1)
    REDIS_URL = env_str("REDIS_URL", "")
    # /healthz shows details only to a direct loopback caller or one sending this token (X-Health-Token).
    PANTAS_HEALTH_TOKEN = env_str("PANTAS_HEALTH_TOKEN", "")
    # The reverse proxies whose X-Forwarded-For names the client (rate limits); e.g. 127.0.0.1 behind nginx.
    PANTAS_TRUSTED_PROXIES = env_list("PANTAS_TRUSTED_PROXIES", [])
    # Absolute base URL printed on letters and in QR codes (the public verification page lives under it).
    PANTAS_PUBLIC_URL = env_str("PANTAS_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
except EnvError as exc:
    raise ImproperlyConfigured(str(exc)) from exc

SECRET_KEY = env_str("SECRET_KEY")  # overlays decide whether a missing key is fatal
# Separate key for evidence encryption at rest, so rotating SECRET_KEY never makes stored evidence unreadable.
PANTAS_EVIDENCE_KEY = env_str("PANTAS_EVIDENCE_KEY", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "pantas.core",
    "pantas.registry",
    "pantas.accounts",
    "pantas.intake",
    "pantas.cases",
    "pantas.followup",
    "pantas.merit",
    "pantas.insights",
    "pantas.publicinfo",
    "pantas.api",
    "pantas.bench",
]

MIDDLEWARE = [
    "pantas.core.middleware.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pantas.accounts.sessions.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pantas.core.middleware.DenyByDefaultMiddleware",
]

ROOT_URLCONF = "pantas.urls"
WSGI_APPLICATION = "pantas.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pantas" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pantas.core.context_processors.pantas",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
# A persistent connection is checked before a request reuses it: after a PostgreSQL restart the next request
# reconnects instead of failing on the dead socket (ADR 0127).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes; IMMEDIATE avoids lock-upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
# Optional read replica for statistics (docs/deploy.md): heavy aggregate reads go there through
# `pantas.core.replica.statistics_db()`; nothing writes to it.
_replica_url = env_str("DATABASE_REPLICA_URL", "")
if _replica_url:
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "pantas" / "static"]
MEDIA_URL = "/media-not-served/"  # uploads are only ever served through permission-checked views

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Database cache: shared between processes (web + worker) without another service.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "pantas_cache"}
    }

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

if _email_kind == "smtp":
    MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": EMAIL_OPTIONS}
    }
elif _email_kind == "console":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    raise ImproperlyConfigured(f"EMAIL_BACKEND_KIND={_email_kind!r} must be 'smtp' or 'console'")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "pantas.accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "pantas.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "pantas.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pantas API",
    "DESCRIPTION": "API pengawasan netralitas dan etika ASN / ASN neutrality and ethics supervision API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "pantas.api.schema.document_errors",
    ],
    # Several models have a field called "status"; name each choice set after its domain concept.
    "ENUM_NAME_OVERRIDES": {
        "ReportStatusEnum": "pantas.intake.models.ReportStatus",
        "CaseStateEnum": "pantas.cases.workflow.CaseState",
        "CycleStatusEnum": "pantas.merit.models.cycles.CycleStatus",
        "AssessmentStatusEnum": "pantas.merit.models.cycles.AssessmentStatus",
        "ReferralStatusEnum": "pantas.cases.models.case.ReferralStatus",
        "FollowUpStateEnum": "pantas.followup.workflow.FollowUpState",
        "BlockingStateEnum": "pantas.followup.workflow.BlockingState",
        "PPKReportStateEnum": "pantas.followup.workflow.PPKReportState",
        "ObjectionOutcomeEnum": "pantas.followup.models.ObjectionOutcome",
        "ComplianceEnum": "pantas.followup.models.Compliance",
        "PositionLevelEnum": "pantas.publicinfo.models.PositionLevel",
        "ForecastLevelEnum": "pantas.insights.forecast.pages.LEVELS",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub": {"()": "pantas.core.logging.ScrubFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["scrub"]}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # Django's request logger prints paths and would print client details on errors; keep it at WARNING
        # and scrubbed (see pantas.core.logging).
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Content Security Policy (Django's own middleware): no inline script without the per-response nonce, nothing
# from other origins, no framing. Pages that need more (none today) must say so in an ADR.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
MIDDLEWARE.insert(1, "django.middleware.csp.ContentSecurityPolicyMiddleware")
TEMPLATES[0]["OPTIONS"]["context_processors"].append("django.template.context_processors.csp")

# Intake shows the reporter what happened after the decision through this provider, resolved at run time so
# intake never imports the apps downstream of it (ADR 0057).
PANTAS_REPORT_OUTCOME_PROVIDER = "pantas.followup.outcome.report_outcome"
