import re

from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from pantas.core.paging import CappedPaginator
from pantas.core.permissions import public, role_required
from pantas.lib import nip as nip_lib

from .models import MAX_NIPS, Authority, CivilServant, EmployeeType
from .nip import MESSAGES
from .roles import ASN_LOOKUP_ROLES, NIP_LIST_ROLES


def _nip_list(query: str) -> list[str]:
    """The NIPs in a list typed by a selection committee (comma, semicolon, space or line separated; the
    digits of one NIP may be grouped with spaces or dots as printed: "19860926 201505 1 001")."""
    groups = re.split(r"[,;\n]+", query)
    nips = []
    for group in groups:
        digits = nip_lib.normalise(group)
        if digits.isdigit() and len(digits) == 18:
            nips.append(digits)
        else:  # several NIPs separated by spaces only
            nips += [t for t in group.split() if t.isdigit() and len(t) == 18]
    return list(dict.fromkeys(nips))


class SearchPaginator(CappedPaginator):
    """A search is for one person: past 1,000 matches the page shows 1,000 of them and asks for more of the
    name (ADR 0133)."""

    cap = 1000


@role_required(*ASN_LOOKUP_ROLES)
def civil_servant_search(request):
    """Find ASN by NIP or name within the user's scope; a NIP-shaped query is also explained digit by digit.
    Selection committees look up their candidates by a list of exact NIPs only (ADR 0090)."""
    nip_list_only = request.user.has_any_role(NIP_LIST_ROLES) and not request.user.has_any_role(
        ASN_LOOKUP_ROLES - NIP_LIST_ROLES
    )
    # A NIP list holds up to MAX_NIPS NIPs of at most 25 characters each as printed; a search is short.
    query = request.GET.get("q", "").strip()[: MAX_NIPS * 25 if nip_list_only else 100]
    parsed = None
    if nip_list_only:
        nips = _nip_list(query)[:MAX_NIPS]
        people = CivilServant.objects.visible_to(request.user, nips=nips)
    else:
        people = CivilServant.objects.visible_to(request.user)
        if query:
            digits = nip_lib.normalise(query)
            if digits.isdigit() and len(digits) >= 8:
                parsed = nip_lib.parse(digits, EmployeeType.PNS)
                people = people.filter(nip__startswith=digits)
            else:
                people = people.filter(Q(name__icontains=query))
        else:
            people = people.none()
    # The matches' ids first, unordered and at most cap + 1 (the trigram index stops early), then those rows in
    # name order: a common name never sorts tens of thousands of rows (ADR 0133).
    matches = list(people.order_by().values_list("pk", flat=True)[: SearchPaginator.cap + 1])
    people = CivilServant.objects.filter(pk__in=matches).select_related("agency", "province", "regency")
    paginator = SearchPaginator(people.order_by("name", "id"), 25)
    paginator.count = len(matches)  # known: no count query
    page = paginator.get_page(request.GET.get("page"))
    explanation = None
    if parsed is not None:
        explanation = {
            "errors": [MESSAGES[c] for c in parsed.errors],
            "warnings": [MESSAGES[c] for c in parsed.warnings],
            "parsed": parsed,
        }
    return render(
        request,
        "registry/civil_servant_search.html",
        {"q": query, "page": page, "nip": explanation, "nip_list_only": nip_list_only, "max_nips": MAX_NIPS},
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
