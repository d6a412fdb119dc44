"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import os
import tempfile

os.environ.setdefault("PANTAS_DEMO", "1")
os.environ.setdefault("PANTAS_VAR_DIR", tempfile.mkdtemp(prefix="pantas-test-"))

from .base import *  # noqa: E402,F403
from .base import DATABASES, PASSWORD_HASHERS  # noqa: E402

SECRET_KEY = "test-only-key-4a1b2c3d4e5f60718293a4b5c6d7e8f9"  # noqa: S105
DEBUG = False
MFA_REQUIRED = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: S303 speed only
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.path.join(os.environ["PANTAS_VAR_DIR"], "test.sqlite3")}
else:
    # One test database per run, so parallel runs on one server never destroy each other's database.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
