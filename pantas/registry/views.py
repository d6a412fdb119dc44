from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from pantas.core.permissions import public, role_required
from pantas.lib import nip as nip_lib

from .models import Authority, CivilServant, EmployeeType
from .nip import MESSAGES
from .roles import ASN_LOOKUP_ROLES


@role_required(*ASN_LOOKUP_ROLES)
def civil_servant_search(request):
    """Find ASN by NIP or name within the user's scope; a NIP-shaped query is also explained digit by digit."""
    query = request.GET.get("q", "").strip()[:100]
    people = CivilServant.objects.visible_to(request.user).select_related("agency", "province", "regency")
    parsed = None
    if query:
        digits = nip_lib.normalise(query)
        if digits.isdigit() and len(digits) >= 8:
            parsed = nip_lib.parse(digits, EmployeeType.PNS)
            people = people.filter(nip__startswith=digits)
        else:
            people = people.filter(Q(name__icontains=query))
    else:
        people = people.none()
    page = Paginator(people.order_by("name"), 25).get_page(request.GET.get("page"))
    explanation = None
    if parsed is not None:
        explanation = {
            "errors": [MESSAGES[c] for c in parsed.errors],
            "warnings": [MESSAGES[c] for c in parsed.warnings],
            "parsed": parsed,
        }
    return render(
        request, "registry/civil_servant_search.html", {"q": query, "page": page, "nip": explanation}
    )


@public
def about(request):
    """What Pantas is and who runs it: the supervising authority competent today, from the reference data."""
    today = timezone.localdate()
    context = {
        "authority": Authority.objects.for_date(today),
        "authorities": Authority.objects.order_by("valid_from"),
    }
    return render(request, "registry/about.html", context)
