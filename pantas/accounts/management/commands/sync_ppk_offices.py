from django.core.management.base import BaseCommand

from pantas.accounts.organisations import ensure_ppk_offices


class Command(BaseCommand):
    help = "Create the PPK office organisation of every instansi that has its own PPK (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(f"PPK offices created: {ensure_ppk_offices()}")
