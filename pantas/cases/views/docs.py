"""The workflow table rendered as documentation (the same table the services and the tests use)."""

from django.shortcuts import render

from pantas.core.permissions import role_required

from ..docs import workflow_rows
from ..roles import CASE_STAFF_ROLES


@role_required(*CASE_STAFF_ROLES)
def workflow(request):
    return render(request, "cases/workflow.html", workflow_rows())
