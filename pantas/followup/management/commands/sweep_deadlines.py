"""`manage.py sweep_deadlines`: run from cron, a systemd timer or the periodic task; safe to repeat."""

import json

from django.core.management.base import BaseCommand

from pantas.followup.services.sweep import sweep_deadlines


class Command(BaseCommand):
    help = "Open follow-ups, send deadline reminders, escalate overdue follow-ups and close ended sanctions."

    def handle(self, *args, **options):
        counts = sweep_deadlines()
        self.stdout.write(json.dumps(counts, sort_keys=True))
