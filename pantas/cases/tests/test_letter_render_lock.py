"""Issue 8 acceptance: approving a letter holds no lock other writers need while its PDF renders (PostgreSQL).

The render is slowed to ~2 s in a thread; meanwhile a report submission and a reservation in another number
series must each finish well under a second (ADR 0044: the render runs outside any transaction).
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from pantas.accounts.models import User
from pantas.core import numbering
from pantas.core.models import DocumentState
from pantas.intake.services.submit import PersonInput, ReportInput, submit_report

from .. import services
from ..models import Case, LetterState
from ..services import letters
from .factories import proven_case

pytestmark = [pytest.mark.postgres]


@pytest.fixture
def postgres_db(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (concurrent writers)")
    from conftest import _load_base_data

    _load_base_data()


def test_other_writers_do_not_wait_for_a_letter_render(postgres_db, monkeypatch):
    case = proven_case(User.objects.get(username="analis"))
    rendering, real_render = threading.Event(), letters.render_letter_pdf
    errors = []

    def slow_render(context):
        rendering.set()
        time.sleep(2)
        return real_render(context)

    monkeypatch.setattr(letters, "render_letter_pdf", slow_render)

    def approve():
        try:
            services.issue_recommendation(
                Case.objects.get(pk=case.pk), User.objects.get(username="komisioner")
            )
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=approve)
    thread.start()
    assert rendering.wait(30)
    started = time.monotonic()
    result = submit_report(
        ReportInput(
            description="Camat mengarahkan kepala desa memilih calon tertentu dalam rapat resmi.",
            persons=[PersonInput(name="Camat")],
            anonymity="anonymous",
        )
    )
    with transaction.atomic():
        numbering.reserve("letter", "kasn", 2099)  # another series' counter
    elapsed = time.monotonic() - started
    still_rendering = thread.is_alive()
    thread.join(30)
    assert result.created
    assert still_rendering, "the render finished before the other writers ran; the test proves nothing"
    assert elapsed < 1, f"other writers waited {elapsed:.2f} s for the render"
    assert errors == []
    letter = Case.objects.get(pk=case.pk).letter
    assert letter.state == LetterState.APPROVED
    assert letter.document.state == DocumentState.ISSUED
