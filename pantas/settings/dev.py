"""Local development and the `make run` demo: SQLite under var/, demo mode on unless switched off."""

import os

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("PANTAS_DEMO", "1")

from .base import *  # noqa: E402,F403
from .base import env_str  # noqa: E402

# A fixed key is acceptable only because this overlay is never used in production (production.py refuses).
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production-3f9a7c1e"

WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
