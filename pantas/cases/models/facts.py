"""Ended runs of the statistical facts that can end (ADR 0140): the rare history the columns on `Case` cannot hold."""

from django.db import models


class FactKind(models.TextChoices):
    PROVEN = "proven", "proven"  # in proven/recommended, ended by "reconsider"
    SANCTIONED = "sanctioned", "sanctioned"  # the sanction reported, ended by a returned report
    FOLLOW_UP = "follow_up", "follow_up"  # a further follow-up of the case (the first is on `Case`)


class CaseFactRun(models.Model):
    """A fact of one case true over [valid_from, valid_to): an ended run of `proven_since` / `sanctioned_since`,
    or a further follow-up opened at valid_from with its `due` date (valid_to null: never ends).

    "As of D" statistics look for the cases with a run holding at the end of D: an uncorrelated
    `case_id IN (…)` over this small table (a hashed set on PostgreSQL), never a probe per case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="fact_runs")
    kind = models.CharField(max_length=12, choices=FactKind.choices)
    valid_from = models.DateTimeField()
    valid_to = models.DateTimeField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "valid_from", "valid_to"], name="cases_factrun_asof_idx")]

    def __str__(self):
        return f"{self.case_id}/{self.kind}"
