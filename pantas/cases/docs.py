"""The case workflow table as documentation: rendered at /kasus/alur/ and committed under docs/workflows/."""

from pantas.core import workflow_docs

from .workflow import FLOW

DOC_PATH = workflow_docs.doc_path(FLOW)


def workflow_rows() -> dict:
    return workflow_docs.workflow_rows(FLOW)


def workflow_markdown() -> str:
    return workflow_docs.workflow_markdown(FLOW)
