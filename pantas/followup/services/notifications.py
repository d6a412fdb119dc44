"""Notifications: in-app rows that are also the e-mail outbox (ADR 0052).

A row is created in the same transaction as the event it reports, under a unique key (follow-up, kind,
organisation, period), so a repeated or resumed sweep can never notify twice. E-mail goes out later, from a task,
in each recipient's language; a row is claimed (emailed_at set) before sending, so two workers never both send it.
"""

import functools
import logging
from datetime import date
from types import SimpleNamespace

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from pantas.accounts.models import Organisation, OrganisationKind
from pantas.core import bulk

from ..models import FollowUp, Notification, NotificationKind

logger = logging.getLogger(__name__)
DEFAULT_LANGUAGE = "id"


def bkn_office() -> Organisation | None:
    return Organisation.objects.filter(kind=OrganisationKind.BKN_RECORDS).order_by("pk").first()


def render(kind: str, follow_up: FollowUp, language: str = DEFAULT_LANGUAGE) -> tuple[str, str]:
    """Subject and body of a notification in `language` (templates under followup/email/)."""
    with override(language):
        context = {"kind": kind, "follow_up": follow_up, "kind_label": NotificationKind(kind).label}
        subject = " ".join(render_to_string("followup/email/subject.txt", context).split())
        body = render_to_string("followup/email/body.txt", context)
    return subject[:300], body


_LETTER, _AGENCY, _NIP = "⟦letter⟧", "⟦agency⟧", "⟦nip⟧"
_STAND_IN_DAY = date(1901, 2, 3)  # a real date, so the template's date filter formats it like any due date


def _stand_in(follow_up: FollowUp):
    """A follow-up with markers in place of the values the e-mail templates print, same shape otherwise."""
    letter = follow_up.recommendation.letter
    return SimpleNamespace(
        recommendation=SimpleNamespace(letter=None if letter is None else SimpleNamespace(number=_LETTER)),
        addressee=SimpleNamespace(name=_AGENCY),
        nip=_NIP if follow_up.nip else "",
        due_on=_STAND_IN_DAY if follow_up.due_on else None,
    )


def renderer(kind: str, language: str = DEFAULT_LANGUAGE):
    """`render` for many follow-ups (the sweep; ADR 0145): the templates are rendered once per shape (letter,
    NIP, due date present or not) with markers, which are then replaced by each follow-up's values. Each shape's
    first use is checked against `render`; on any difference every follow-up is rendered in full."""
    shapes: dict[tuple, tuple[str, str] | None] = {}

    def fill(text: str, follow_up: FollowUp, due: str, day: str) -> str:
        letter = follow_up.recommendation.letter
        text = text.replace(_LETTER, letter.number if letter is not None else "")
        text = text.replace(_AGENCY, follow_up.addressee.name).replace(_NIP, follow_up.nip)
        return text.replace(day, due) if due else text

    def render_one(follow_up: FollowUp) -> tuple[str, str]:
        shape = (follow_up.recommendation.letter is None, bool(follow_up.nip), follow_up.due_on is None)
        if shape not in shapes:
            with override(language):
                context = {
                    "kind": kind,
                    "follow_up": _stand_in(follow_up),
                    "kind_label": NotificationKind(kind).label,
                }
                raw = (
                    render_to_string("followup/email/subject.txt", context),
                    render_to_string("followup/email/body.txt", context),
                )
            shapes[shape] = raw
            if _fill(raw, follow_up, language, fill) != render(kind, follow_up, language):
                logger.warning("notification %s: templates not fit for markers, rendering each", kind)
                shapes[shape] = None
        raw = shapes[shape]
        return render(kind, follow_up, language) if raw is None else _fill(raw, follow_up, language, fill)

    return render_one


@functools.lru_cache(maxsize=4096)
def _day(day: date, language: str) -> str:
    """A due date as the templates print it (`date:"j F Y"`); many follow-ups share one."""
    with override(language):
        return date_filter(day, "j F Y")


def _fill(raw, follow_up, language, fill) -> tuple[str, str]:
    due, day = "", ""
    if follow_up.due_on:
        due, day = _day(follow_up.due_on, language), _day(_STAND_IN_DAY, language)
    subject, body = (fill(text, follow_up, due, day) for text in raw)
    return " ".join(subject.split())[:300], body


def notify(follow_up: FollowUp, kind: str, organisations, key: str = "") -> int:
    """Create the rows that do not exist yet; returns how many were new. Enqueues the e-mail task on commit."""
    subject, body = render(kind, follow_up)
    rows = [
        Notification(
            organisation=organisation,
            follow_up=follow_up,
            kind=kind,
            key=key,
            subject=subject,
            body=body,
        )
        for organisation in {o.pk: o for o in organisations if o is not None}.values()
    ]
    before = Notification.objects.filter(follow_up=follow_up, kind=kind, key=key).count()
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    created = Notification.objects.filter(follow_up=follow_up, kind=kind, key=key).count() - before
    if created:
        transaction.on_commit(_enqueue_send)
    return created


def notify_many(follow_ups, kind: str, organisations_for, key_for) -> int:
    """`notify` for many follow-ups at once (the sweep; ADR 0134): one query reads the keys already notified,
    one bulk insert (in the caller's transaction) adds the missing rows, so a second run reads and writes
    nothing else. The unique key still decides under concurrency. Returns how many follow-ups got a new row."""
    follow_ups = list(follow_ups)
    if not follow_ups:
        return 0
    done = set(
        Notification.objects.filter(kind=kind, follow_up__in=[f.pk for f in follow_ups]).values_list(
            "follow_up_id", "organisation_id", "key"
        )
    )
    rows, notified, render_one = [], 0, renderer(kind)
    for follow_up in follow_ups:
        key = key_for(follow_up)
        targets = {o.pk: o for o in organisations_for(follow_up) if o is not None}
        missing = [pk for pk in targets if (follow_up.pk, pk, key) not in done]
        if not missing:
            continue
        subject, body = render_one(follow_up)
        rows += [
            {"organisation_id": pk, "follow_up_id": follow_up.pk, "kind": kind, "key": key,
             "subject": subject, "body": body}
            for pk in missing
        ]  # fmt: skip
        notified += 1
    if rows:
        bulk.insert(Notification, rows, ignore_conflicts=True)
        transaction.on_commit(_enqueue_send)
    return notified


def _enqueue_send():
    from ..tasks import send_notifications_task

    send_notifications_task.enqueue()


def _recipients(organisation: Organisation) -> list[tuple[str, str]]:
    """(address, language): the office address in Indonesian, and each active user in their own language."""
    recipients = []
    if organisation.email:
        recipients.append((organisation.email, DEFAULT_LANGUAGE))
    for email, language in (
        organisation.users.filter(is_active=True).exclude(email="").values_list("email", "preferred_language")
    ):
        recipients.append((email, language or DEFAULT_LANGUAGE))
    seen, unique = set(), []
    for address, language in recipients:
        if address.lower() not in seen:
            seen.add(address.lower())
            unique.append((address, language))
    return unique


def send_pending(limit: int = 500) -> int:
    """Send the outbox: claim each row, send one message per language, release the claim if sending fails."""
    sent = 0
    ids = list(Notification.objects.unsent().order_by("pk").values_list("pk", flat=True)[:limit])
    for pk in ids:
        if not Notification.objects.filter(pk=pk, emailed_at__isnull=True).update(emailed_at=timezone.now()):
            continue  # another worker claimed it
        notification = Notification.objects.select_related("organisation", "follow_up").get(pk=pk)
        try:
            by_language: dict[str, list[str]] = {}
            for address, language in _recipients(notification.organisation):
                by_language.setdefault(language, []).append(address)
            for language, addresses in by_language.items():
                subject, body = render(notification.kind, notification.follow_up, language)
                EmailMessage(subject=subject, body=body, bcc=addresses).send()
        except Exception:
            Notification.objects.filter(pk=pk).update(emailed_at=None)
            logger.exception("follow-up notification %s could not be sent", pk)
            continue
        sent += 1
    return sent
