"""Write every workflow table to docs/workflows/<name>.md (generated doc = tested table)."""

from django.core.management.base import BaseCommand

from pantas.core.workflow import all_workflows
from pantas.core.workflow_docs import DOCS_DIR, doc_path, workflow_markdown


class Command(BaseCommand):
    help = "Regenerate docs/workflows/*.md from the workflow tables."

    def handle(self, *args, **options):
        DOCS_DIR.mkdir(parents=True, exist_ok=True)
        for flow in all_workflows():
            doc_path(flow).write_text(workflow_markdown(flow), encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"wrote {doc_path(flow)}"))
