"""Background jobs: e-mailing an issued recommendation to the addressee's address (outside the request)."""

from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from pantas.core import audit

from .models import Recommendation


@task()
def send_recommendation_email(recommendation_id: int) -> bool:
    """Send the letter PDF to `Organisation.email`; idempotent (a sent recommendation is not sent again)."""
    recommendation = (
        Recommendation.objects.select_related("letter", "addressee", "case", "authority")
        .filter(pk=recommendation_id, emailed_at__isnull=True)
        .first()
    )
    if recommendation is None or not recommendation.addressee.email or not recommendation.letter.pdf:
        return False
    letter = recommendation.letter
    with override("id"):
        body = render_to_string("cases/email/recommendation.txt", {"recommendation": recommendation})
        message = EmailMessage(
            subject=f"{letter.number} — {letter.subject}",
            body=body,
            to=[recommendation.addressee.email],
        )
    message.attach(f"{letter.number.replace('/', '-')}.pdf", bytes(letter.pdf), "application/pdf")
    message.send(using="default")
    with transaction.atomic():
        sent = Recommendation.objects.filter(pk=recommendation.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        if sent:
            audit.record(
                "cases.recommendation.emailed",
                recommendation,
                data={"organisation": recommendation.addressee.code},
            )
    return bool(sent)
