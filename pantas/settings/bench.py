"""The benchmark server (`manage.py bench`, W1/W6 and the soak/fault scripts): the demo settings with the bench
URLconf, which adds the bare comparison views (`pantas.bench.urls`). Never used in production: production.py is
a separate overlay and `pantas.urls` has no bench routes."""

from .dev import *  # noqa: F403

ROOT_URLCONF = "pantas.bench.urls"
DEBUG = False
