"""P-01 and P-11 end to end (issue 13 §2, ADR 0121): a confidential report whose identity fields carry a unique
canary, sent through the real public form from a canary client address, is driven through the workflow (case
opened, verified, investigated, decided, recommendation letter issued, follow-up opened). Then the canary and the
address are searched for in plaintext:

- every column of every table of the database, found by introspection (raw SQL; text, JSON and binary columns);
- every log record of the whole run (a handler on every logger, records formatted with their arguments);
- every page, export (CSV, XLSX unpacked), PDF (text extracted with pypdf) and API response that the URL
  patterns give, as every persona and anonymously, with the ids, numbers and codes of the canary's own objects.

They appear nowhere, except in the one place they must: the identity custodian's reveal, after a fresh second factor,
which writes an audit event (that itself holds neither). Runs on SQLite and PostgreSQL.
"""

import io
import itertools
import logging
import re
import zipfile

import nacl.pwhash
import pyotp
import pytest
from django.db import connection
from django.test import Client, override_settings
from django.urls import get_resolver, reverse
from pypdf import PdfReader

from pantas.accounts import services as accounts
from pantas.accounts.models import User
from pantas.cases import services as cases
from pantas.cases.models import Case, Outcome, Recommendation
from pantas.core.models import AuditEvent, Document
from pantas.followup.models import FollowUp
from pantas.followup.services import open_follow_ups
from pantas.intake.models import Report, SealedIdentity
from pantas.intake.services.identity import create_custodian_key
from pantas.intake.tests.helpers import public_form_data
from pantas.registry.models import Agency

from .routes import _walk

pytestmark = pytest.mark.django_db
TOKEN = "qz7w3xkanari"  # what is searched for, case-insensitively; nothing else in the system contains it
NAME = f"Siti {TOKEN.upper()} Rahma"
CONTACT = f"{TOKEN}@surel.example"
NOTE = f"Hubungi sore hari ({TOKEN}-catatan)"
CANARY_IP = "203.0.113.219"
NEEDLES = (TOKEN, CANARY_IP)
PASSPHRASE = "frasa-sandi-kustodian-kanari"
NIP = "198609262015051001"


class _Everything(logging.Handler):
    """Every record of every logger, formatted with its arguments, exception and extra attributes."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(f"{logging.Formatter().format(record)} {record.__dict__!r}")


@pytest.fixture
def all_logs():
    handler = _Everything()
    loggers = [logging.getLogger()] + [
        logging.getLogger(name) for name in list(logging.root.manager.loggerDict)
    ]
    saved = [(lg, lg.level, lg.disabled) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.setLevel(logging.DEBUG)
        lg.disabled = False
    yield handler
    for lg, level, disabled in saved:
        lg.removeHandler(handler)
        lg.setLevel(level)
        lg.disabled = disabled


def database_hits(needle: str) -> list[str]:
    """Every table.column (all tables, all columns, by introspection) whose value contains `needle`."""
    hits = []
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                name = q(column.name)
                if connection.vendor == "postgresql":
                    cursor.execute(
                        "SELECT data_type FROM information_schema.columns "
                        "WHERE table_schema = current_schema() AND table_name = %s AND column_name = %s",
                        [table, column.name],
                    )
                    if cursor.fetchone()[0] == "bytea":
                        where = f"position(convert_to(%s, 'UTF8') in {name}) > 0"
                    else:
                        where = f"position(%s in lower({name}::text)) > 0"
                else:
                    where = f"instr(lower(CAST({name} AS TEXT)), %s) > 0"
                cursor.execute(f"SELECT 1 FROM {q(table)} WHERE {where} LIMIT 1", [needle.lower()])  # noqa: S608
                if cursor.fetchone():
                    hits.append(f"{table}.{column.name}")
    return hits


def readable(response) -> str:
    """The response as text: HTML/JSON/CSV as is, XLSX and other zips unpacked, PDFs through text extraction."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [body, str(dict(response.headers)).encode()]
    if body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
    if body.startswith(b"%PDF"):
        parts.append(
            "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages).encode()
        )
    return b"\n".join(parts).decode("utf-8", "replace").lower()


def _submit_and_drive(personas) -> Report:
    create_custodian_key(
        personas["kustodian"],
        PASSPHRASE,
        "Kunci kanari",
        opslimit=nacl.pwhash.argon2id.OPSLIMIT_MIN,
        memlimit=nacl.pwhash.argon2id.MEMLIMIT_MIN,
    )
    response = Client().post(
        "/lapor/",
        public_form_data(
            anonymity="confidential", identity_name=NAME, identity_contact=CONTACT, identity_note=NOTE
        ),
        REMOTE_ADDR=CANARY_IP,
        HTTP_X_FORWARDED_FOR=f"{CANARY_IP}, 10.0.0.1",
        HTTP_X_REAL_IP=CANARY_IP,
        HTTP_USER_AGENT=f"Mozilla/5.0 ({TOKEN})",
    )
    assert response.status_code == 200, re.findall(
        r"id=\"form-errors\".{0,900}", response.content.decode(), re.S
    )
    report = Report.objects.get()
    assert report.anonymity == "confidential" and SealedIdentity.objects.filter(report=report).exists()
    # Intake completes the reported person (as on the verification page), then the workflow runs.
    report.reported_persons.update(agency=Agency.objects.get(code="kota-73-71"), nip=NIP)
    analyst, decider = personas["analis"], personas["komisioner"]
    case = cases.open_cases_for_report(report, analyst)[0]
    case = cases.verify(case, analyst)
    case = cases.start_investigation(case, analyst, category="skb2022-a4", assignee=analyst)
    case = cases.request_clarification(case, analyst, question="Mohon penjelasan atas unggahan tersebut.")
    case = cases.decide(case, analyst, outcome=Outcome.PROVEN, findings="Unggahan terbukti milik terlapor.")
    case = cases.issue_recommendation(case, decider)
    open_follow_ups()
    assert FollowUp.objects.filter(case=case).exists() and case.letter.pdf
    return report


def _pools(report) -> dict[str, dict[str, list[str]]]:
    """Path values that reach the canary's own objects, per app (the app of the view that takes them)."""
    case = Case.objects.get(links__report=report)
    letter = case.letter
    recommendations = list(Recommendation.objects.filter(case=case))
    follow_ups = list(FollowUp.objects.filter(case=case))
    documents = list(Document.objects.all())
    pools = {
        "intake": {"uuid": [report.uuid], "id": [report.pk], "str": [report.number]},
        "cases": {
            "uuid": [case.uuid, *(r.uuid for r in recommendations)],
            "id": [case.pk, letter.pk, *(r.pk for r in recommendations)],
            "str": [case.number, letter.number, letter.verification_code],
        },
        "followup": {"uuid": [f.uuid for f in follow_ups], "id": [f.pk for f in follow_ups], "str": [NIP]},
        "core": {
            "id": [d.pk for d in documents],
            "str": [getattr(d, "code", "") or d.number for d in documents],
        },
        "admin": {
            "path": [report.pk, case.pk, report.sealed_identity.pk]
            + [p.pk for p in report.reported_persons.all()]
            + [e.pk for e in AuditEvent.objects.order_by("-pk")[:3]]
        },
    }
    pools["api"] = pools["accounts"] = {
        k: sum((p.get(k, []) for p in pools.values()), []) for k in ("uuid", "id")
    }
    return {app: {k: [str(v) for v in vs if v] for k, vs in kinds.items()} for app, kinds in pools.items()}


ADMIN_MODELS = (
    "intake_report",
    "intake_sealedidentity",
    "intake_reportedperson",
    "cases_case",
    "core_auditevent",
)


def _app_of(name, pattern) -> str:
    if name.startswith("admin:"):
        return "admin"
    module = getattr(pattern.callback, "__module__", "") or ""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "pantas" else parts[0]


def _urls(pools, *, admin: bool, public: bool):
    """No-argument routes as they are; routes with arguments with the canary's objects of the view's app (apps that
    hold none of them — merit, public data — have nothing of the report to show on an object page). Public pages
    (`core.permissions.public`) show every caller the same data: they are fetched when `public` is set."""
    for name, pattern in _walk(get_resolver().url_patterns):
        if name.startswith("admin:") and not admin:
            continue
        if getattr(pattern.callback, "pantas_public", False) and not public:
            continue
        if name.startswith("admin:") and not name.startswith(tuple(f"admin:{m}_" for m in ADMIN_MODELS)):
            continue  # the admin's pages of the models that hold a report or its traces
        converters = getattr(pattern.pattern, "converters", {})
        names = list(pattern.pattern.regex.groupindex)
        if len(names) != len(converters):  # regex-only patterns (static, media): nothing of ours
            continue
        pool = pools.get(_app_of(name, pattern), {})
        choices = []
        for arg in names:
            kind = type(converters[arg]).__name__.replace("Converter", "").lower()
            kind = {"int": "id", "slug": "str"}.get(kind, kind)
            choices.append(["csv", "xlsx", "json", "pdf"] if arg in {"fmt", "format"} else pool.get(kind, []))
        for values in itertools.islice(itertools.product(*choices), 8):
            try:
                yield reverse(name, kwargs=dict(zip(names, values, strict=True)) or None)
            except Exception:  # noqa: S112 - a value that the converter refuses
                continue


def _leaks(text: str) -> list[str]:
    return [n for n in NEEDLES if n.lower() in text]


def test_a_reporters_identity_and_address_appear_only_as_ciphertext_and_in_the_audited_reveal(
    personas, all_logs, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "k"}
    }
    settings.PANTAS_INTAKE_LIMITS = {
        "min_fill_seconds": 0
    }  # the form is posted at once, as in intake's tests
    report = _submit_and_drive(personas)
    sealed = SealedIdentity.objects.get(report=report)
    assert TOKEN.encode() not in bytes(sealed.ciphertext) and len(bytes(sealed.ciphertext)) > 40

    # Every page, export, PDF and API response, for every persona and anonymously.
    pools = _pools(report)
    found, fetched, reached = [], 0, 0
    for user in [None, *User.objects.order_by("username")]:
        client = Client()
        if user is not None:
            client.force_login(user)
        public = user is None or user.username == "analis"  # anonymously and as one staff member
        for url in _urls(pools, admin=bool(user and user.is_superuser), public=public):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="id")
            fetched += 1
            if response.status_code == 200:
                text = readable(response)
                found += [f"{user}: {url} ({n})" for n in _leaks(text)]
                reached += report.number.lower() in text
    assert not found, found
    assert fetched > 1000
    assert reached >= 15  # the walk really shows the canary's report to the roles that may see it

    # The database and the logs of everything above: no plaintext anywhere.
    for needle in NEEDLES:
        assert database_hits(needle) == [], needle
    assert not _leaks("\n".join(all_logs.lines).lower())
    assert database_hits(bytes(sealed.ciphertext)[:12].hex()) == []  # (the search itself works on binary too)

    # The one place: the custodian's reveal, after a fresh second factor, audited.
    custodian = personas["kustodian"]
    secret = accounts.new_totp_secret()
    accounts.enable_mfa(custodian, secret, pyotp.TOTP(secret).now())
    url = reverse("intake:reveal", args=[report.uuid])
    with override_settings(MFA_REQUIRED=True):
        client = Client()
        client.force_login(custodian)
        refused = client.post(url, {"passphrase": PASSPHRASE, "reason": "Pemeriksaan saksi pelapor."})
        assert refused.status_code == 302 and not _leaks(readable(refused))
        client.post("/akun/mfa/konfirmasi/", {"code": pyotp.TOTP(secret).now(), "next": url})
        revealed = client.post(url, {"passphrase": PASSPHRASE, "reason": "Pemeriksaan saksi pelapor."})
    assert revealed.status_code == 200
    text = revealed.content.decode()
    assert NAME in text and CONTACT in text
    event = AuditEvent.objects.get(action="intake.identity.revealed")
    assert event.actor == custodian
    assert CANARY_IP not in text
    for needle in NEEDLES:  # the reveal itself stored and logged nothing in clear
        assert database_hits(needle) == [], needle
    assert not _leaks("\n".join(all_logs.lines).lower())
