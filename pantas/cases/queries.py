"""Read queries shared by the case pages and the API (API modules never import views). Callers still scope
them with `visible_to(user)`."""

from django.db.models import Prefetch

from pantas.core.documents import normalise_code

from .models import Case, CaseReport, LetterState, RecommendationLetter, Referral

# Relations a case's API list entry and detail page render.
LIST_RELATED = ("category", "election", "agency", "province", "assignee", "addressee", "team")
# Relations the staff case table renders (includes/_case_table.html): no more. Every joined table multiplies the
# planner's join search — with the seven above, planning a 50-row page took ~30 ms at 1M cases, executing it
# under 1 ms (ADR 0136).
TABLE_RELATED = ("category", "agency", "assignee")


def detail_queryset():
    """A case with everything its page and its API detail show (still to be scoped by `visible_to`)."""
    links = CaseReport.objects.select_related(
        "report__election", "report__category", "reported_person__agency", "reported_person__civil_servant"
    )
    return Case.objects.select_related(
        *LIST_RELATED,
        "regency",
        "authority",
        "merged_into",
        "civil_servant",
        "agency__parent",
        "addressee__agency",
    ).prefetch_related(
        Prefetch("links", queryset=links),
        "clarifications__answers__attachments",
        Prefetch("referrals", queryset=Referral.objects.select_related("partner", "maladministration")),
    )


def merged_cases(case: Case, user):
    """Cases merged into `case` that `user` may see (the others' numbers are not disclosed)."""
    return Case.objects.visible_to(user).filter(merged_into=case).order_by("number")


def find_letter(code: str):
    """An approved letter by its public verification code (None when unknown)."""
    return (
        RecommendationLetter.objects.select_related("authority", "addressee", "document")
        .filter(document__verification_code=normalise_code(code), state=LetterState.APPROVED)
        .first()
    )
