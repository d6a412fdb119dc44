from pantas.bench import Bench

from .models import Agency, CivilServant

BENCH_NIP = "199402092019212530"  # a demo ASN (the demo data is deterministic)


def _agency_search():
    list(
        Agency.objects.filter(name__icontains="makassar")
        .order_by("kind", "name")
        .values("code", "name", "kind")
    )


def _asn_by_nip():
    CivilServant.objects.select_related("agency").filter(nip=BENCH_NIP).first()


def _asn_per_agency():
    from django.db.models import Count

    list(Agency.objects.annotate(n=Count("civil_servants")).filter(n__gt=0).values_list("code", "n"))


BENCHMARKS = [
    Bench(
        "registry: agency search (icontains)",
        _agency_search,
        "SELECT code, name, kind FROM registry_agency WHERE UPPER(name::text) LIKE UPPER(%s) ORDER BY kind, name",
        ["%makassar%"],
    ),
    Bench(
        "registry: ASN by NIP with agency",
        _asn_by_nip,
        "SELECT * FROM registry_civilservant c JOIN registry_agency a ON a.id = c.agency_id WHERE c.nip = %s "
        "ORDER BY c.name LIMIT 1",
        [BENCH_NIP],
        # A sub-millisecond point lookup: the ratio is dominated by the ORM's fixed ~1 ms cost per query.
        budget=5.0,
    ),
    Bench(
        "registry: ASN count per agency",
        _asn_per_agency,
        "SELECT a.code, COUNT(c.id) FROM registry_agency a JOIN registry_civilservant c ON c.agency_id = a.id "
        "GROUP BY a.id HAVING COUNT(c.id) > 0",
    ),
]
