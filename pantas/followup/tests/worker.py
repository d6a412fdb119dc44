"""A real worker process for the exactly-once test: enqueue the sweep task in the database and run
`db_worker --batch` against the test database; optionally die (os._exit) in the middle of the n-th escalation batch (batches of one).

Usage: python -m pantas.followup.tests.worker <database name> [kill at escalation n]
"""

import os
import sys


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantas.settings.test")
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = argv[1]
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    import django

    django.setup()
    from django.core.management import call_command

    from pantas.followup.services import blocking, sweep
    from pantas.followup.tasks import sweep_deadlines_task

    kill_at = int(argv[2]) if len(argv) > 2 else 0
    if kill_at:
        # One follow-up per batch, so "the n-th batch" is "the n-th escalation".
        sweep.ESCALATION_BATCH = 1
        original, calls = blocking.ministry_picker, []

        def dying_ministry_picker():
            # Called inside the batch's transaction, after the engine's compare-and-set wrote the follow-ups,
            # their history and audit: dying here is a worker killed mid-batch, after the earlier batches
            # committed.
            calls.append(1)
            if len(calls) == kill_at:
                os._exit(9)
            return original()

        blocking.ministry_picker = dying_ministry_picker
    sweep_deadlines_task.enqueue()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


if __name__ == "__main__":
    main(sys.argv)
