from django.conf import settings

from . import nav


def pantas(request):
    context = {"PANTAS_DEMO": settings.PANTAS_DEMO}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        # Lazy: computed only when a template renders the header (JSON and file responses never do).
        context["header_menu"] = lambda: nav.menu_for(user, request.path)
    return context
