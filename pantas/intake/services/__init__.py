"""Intake use cases. Import from here: `from pantas.intake.services import set_public_status`."""

from .status import set_public_status

__all__ = ["set_public_status"]
