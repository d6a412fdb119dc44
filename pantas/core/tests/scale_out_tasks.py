"""A task for the scale-out test's workers: appends one line per execution, so duplicates are visible."""

import os
import time

from django.tasks import task


@task()
def record_run(path: str, n: int) -> None:
    time.sleep(0.05)  # long enough that both workers take part
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"{n} {os.getpid()}\n")
