"""Local development and the `make run` demo: SQLite under var/, demo mode on unless switched off.

DEBUG stays off unless asked for (`DEBUG=1 make run`): the demo shows the real, translated 404/403/500 pages and
never Django's English debug page listing every URL (ADR 0061). Static files come through WhiteNoise either way.
"""

import os

os.environ.setdefault("PANTAS_DEMO", "1")

from .base import *  # noqa: E402,F403
from .base import env_str  # noqa: E402

# A fixed key is acceptable only because this overlay is never used in production (production.py refuses).
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production-3f9a7c1e"

# WhiteNoise serves straight from the app directories (no collectstatic step for the demo), also with DEBUG off.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
