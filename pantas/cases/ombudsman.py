"""Overlap with the Ombudsman (issue 15 §2): the 2022 KASN–Ombudsman MoU routing rules as a suggestion at
verification, and duplicate complaints filed with both bodies linked by the Ombudsman's register number."""

import json
from dataclasses import dataclass
from functools import cache

from django.db.models import Q

from .models import Case, MaladministrationCategory
from .reference import DATA_DIR


@dataclass(frozen=True)
class MouRule:
    code: str
    subject: str
    categories: tuple
    maladministration: str
    mode: str
    note: str
    source: str


@cache
def mou_rules() -> tuple[MouRule, ...]:
    payload = json.loads((DATA_DIR / "ombudsman_mou.json").read_text(encoding="utf-8"))
    source = f"{payload['dataset']['title']} ({payload['dataset']['version']})"
    return tuple(
        MouRule(
            code=row["code"],
            subject=row["subject"],
            categories=tuple(row["categories"]),
            maladministration=row["maladministration"],
            mode=row["mode"],
            note=row["note"],
            source=source,
        )
        for row in payload["rows"]
    )


def mou_suggestion(case: Case) -> dict | None:
    """The MoU subject the case's category falls under, with the suggested mode and maladministration
    category; None when the case is outside the overlap (e.g. neutrality)."""
    code = getattr(case.category, "code", None)
    for rule in mou_rules():
        if code in rule.categories:
            category = MaladministrationCategory.objects.filter(code=rule.maladministration).first()
            return {"rule": rule, "maladministration": category, "joint": rule.mode == "joint"}
    return None


def ombudsman_numbers(case: Case) -> set[str]:
    numbers = {case.ombudsman_register_number} if case.ombudsman_register_number else set()
    numbers |= {
        r.partner_register_number
        for r in case.referrals.all()
        if r.partner_register_number and r.partner.kind == "ombudsman"
    }
    return numbers


def linked_cases(case: Case, user):
    """Other cases (that `user` may see) about a complaint with the same Ombudsman register number."""
    numbers = ombudsman_numbers(case)
    if not numbers:
        return Case.objects.none()
    same = Q(ombudsman_register_number__in=numbers) | Q(
        referrals__partner_register_number__in=numbers, referrals__partner__kind="ombudsman"
    )
    return Case.objects.visible_to(user).filter(same).exclude(pk=case.pk).distinct().order_by("number")
