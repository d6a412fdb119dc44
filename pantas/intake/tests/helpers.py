"""Helpers for intake tests: posting the public form like a browser, scanning the database for strings."""

from django.apps import apps
from django.db import connection

from pantas.intake.security import throttle


def public_form_data(**overrides) -> dict:
    data = {
        "anonymity": "anonymous",
        "person_name": "Andi Baso",
        "person_nip": "",
        "person_employee_type": "pns",
        "person_agency": "Pemerintah Kota Makassar",
        "person_position": "Lurah",
        "region": "R:73.71",
        "track": "neutrality",
        "category": "",
        "mode": "share",
        "election": "",
        "election_stage": "campaign",
        "place": "Kelurahan Bara-Baraya",
        "act_date": "2024-10-05",
        "description": "Lurah membagikan unggahan kampanye pasangan calon wali kota di grup WhatsApp warga.",
        "link_url_1": "",
        "token": throttle.new_form_token(),
        "website": "",
    }
    data.update(overrides)
    return data


def text_columns():
    """(table, column) for every text-like column of every model table."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in apps.get_models():
            table = model._meta.db_table
            if table not in tables:
                continue
            for field in model._meta.concrete_fields:
                if field.get_internal_type() in (
                    "CharField",
                    "TextField",
                    "JSONField",
                    "SlugField",
                    "EmailField",
                    "URLField",
                ):
                    yield table, field.column


def database_contains(needle: str) -> list[str]:
    """Every table.column whose text contains `needle` (case-insensitive)."""
    hits = []
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in text_columns():
            cast = f"CAST({q(column)} AS TEXT)"
            cursor.execute(
                f"SELECT COUNT(*) FROM {q(table)} WHERE LOWER({cast}) LIKE %s", [f"%{needle.lower()}%"]
            )  # noqa: S608
            if cursor.fetchone()[0]:
                hits.append(f"{table}.{column}")
        # The cache table (DatabaseCache) too, when present.
        if "pantas_cache" in connection.introspection.table_names(cursor):
            cursor.execute(
                "SELECT COUNT(*) FROM pantas_cache WHERE value LIKE %s OR cache_key LIKE %s",
                [f"%{needle}%"] * 2,
            )
            if cursor.fetchone()[0]:
                hits.append("pantas_cache")
    return hits
