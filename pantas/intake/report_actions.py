"""Buttons the apps after intake put on the intake report page (ADR 0112).

Intake never imports `cases`; `cases` registers a provider in its `AppConfig.ready()` that returns, for a report
and a user, the actions that user may take there ("Buka kasus") and the cases already opened. The button posts
to the downstream app's own view, which runs its own service with its own role and scope checks; a provider
that fails shows nothing rather than breaking the report page.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReportAction:
    label: str
    url: str
    method: str = "post"  # "post": a form with a button; "get": a link
    help: str = ""


PROVIDERS: list[Callable] = []


def register(provider: Callable) -> None:
    if provider not in PROVIDERS:
        PROVIDERS.append(provider)


def actions_for(report, user) -> list[ReportAction]:
    found = []
    for provider in PROVIDERS:
        try:
            found.extend(provider(report, user))
        except Exception:  # a downstream failure must not take the intake page down
            logger.exception("report action provider failed")
    return found
