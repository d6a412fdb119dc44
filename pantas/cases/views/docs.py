"""The workflow table rendered as documentation (the same table the services and the tests use)."""

from django.shortcuts import render

from pantas.core.permissions import role_required
from pantas.registry.models import StageDeadline

from ..docs import workflow_rows
from ..roles import CASE_STAFF_ROLES


@role_required(*CASE_STAFF_ROLES)
def workflow(request):
    context = workflow_rows()
    # The table names the stage whose deadline starts by its code; the page shows the stage's name.
    names = dict(StageDeadline.objects.values_list("code", "name"))
    for row in context["rules"]:
        code = str(row["deadline"])
        row["deadline_name"] = names.get(code, row["deadline"])
        row["deadline_code"] = code if code in names else ""
    return render(request, "cases/workflow.html", context)
