"""Which database statistics read from (ADR 0097): the read replica when `DATABASE_REPLICA_URL` is set, else the
primary. Statistics code (insights, public figures) reads with `.using(statistics_db())`; replication lag of a
few seconds is acceptable there and nowhere else, so nothing else uses it."""

from django.conf import settings


def statistics_db() -> str:
    return "replica" if "replica" in settings.DATABASES else "default"
