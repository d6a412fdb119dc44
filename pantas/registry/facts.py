"""Read contract for statistics (ADR 0070, 0106): the reference data the forecast needs — regions and which of
them vote in each election. `pantas.insights` reads the registry only through this module. Codes, names and
counts of reference data only; never a person."""

from .models import Election, Province, Regency, RegencyKind

AUTONOMOUS = (RegencyKind.KABUPATEN, RegencyKind.KOTA)


def provinces() -> dict[str, str]:
    """Province code → name."""
    return dict(Province.objects.order_by("code").values_list("code", "name"))


def regencies() -> list[dict]:
    """Every kabupaten/kota: code, province, name, `autonomous` (Jakarta's administrative units are not: no
    elected head, no PPK of their own)."""
    return [
        {"code": code, "province": province, "name": name, "autonomous": kind in AUTONOMOUS}
        for code, province, name, kind in Regency.objects.order_by("code").values_list(
            "code", "province_id", "name", "kind"
        )
    ]


def elections() -> dict[str, dict]:
    """Election code → name, kind ("general" | "regional"), voting date, region count, and the provinces and
    kabupaten/kota listed as voting in it (empty when the reference data give counts only). Two queries for the
    memberships, whatever the number of elections."""
    rows = {
        e["code"]: {**e, "provinces": [], "regencies": []}
        for e in Election.objects.order_by("voting_date").values(
            "code", "name", "kind", "voting_date", "region_count"
        )
    }
    through_p = Election.provinces.through.objects.values_list("election__code", "province_id")
    through_r = Election.regencies.through.objects.values_list("election__code", "regency_id")
    for code, province in through_p.order_by("province_id"):
        rows[code]["provinces"].append(province)
    for code, regency in through_r.order_by("regency_id"):
        rows[code]["regencies"].append(regency)
    return rows
