"""Domain errors raised by service functions; web views and the API map them to messages / status codes."""

from django.utils.translation import gettext_lazy as _

# The field error for text that `pantas.lib.text.has_invalid_characters` refuses (forms, services, imports).
INVALID_TEXT = _(
    "Berisi karakter yang tidak sah (teks bukan UTF-8 atau karakter kendali). Ketik ulang isian ini."
)


class DomainError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class InvalidTransition(DomainError):
    """The object is not in a state that allows this action (or another user changed it first)."""

    status = 409
    code = "invalid_transition"


class NotAllowed(DomainError):
    """The user can see the object but their role does not allow this action."""

    status = 403
    code = "not_allowed"


class NotFound(DomainError):
    """The object is outside the user's scope: reported as missing, never as forbidden (deny by default)."""

    status = 404
    code = "not_found"
