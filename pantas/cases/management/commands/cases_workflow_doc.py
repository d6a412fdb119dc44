"""Write the workflow table to pantas/cases/docs/workflow.md (generated doc = tested table)."""

from django.core.management.base import BaseCommand

from pantas.cases.docs import DOC_PATH, workflow_markdown


class Command(BaseCommand):
    help = "Regenerate pantas/cases/docs/workflow.md from the workflow table."

    def handle(self, *args, **options):
        DOC_PATH.write_text(workflow_markdown(), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"wrote {DOC_PATH}"))
