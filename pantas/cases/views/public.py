"""Letters by verification code, for the public letter API. The public page itself is core's generic
`/verifikasi/<code>/` (`pantas.core.verification`)."""

from pantas.core.documents import normalise_code

from ..models import LetterState, RecommendationLetter


def find_letter(code: str):
    return (
        RecommendationLetter.objects.select_related("authority", "addressee", "document")
        .filter(document__verification_code=normalise_code(code), state=LetterState.APPROVED)
        .first()
    )
