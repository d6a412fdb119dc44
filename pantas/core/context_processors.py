from django.conf import settings


def pantas(request):
    return {"PANTAS_DEMO": settings.PANTAS_DEMO}
