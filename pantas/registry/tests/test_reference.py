from datetime import date

import pytest

from pantas.registry.models import (
    Agency,
    AgencyKind,
    Authority,
    Election,
    Province,
    ReferenceDataset,
    Regency,
    RegencyKind,
    SanctionKind,
    SanctionLevel,
    ViolationCategory,
)
from pantas.registry.reference import load_all

pytestmark = pytest.mark.django_db


def test_it_loads_38_provinces_514_regencies_and_552_regional_agencies():
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert (
        Regency.objects.filter(kind__in=[RegencyKind.KABUPATEN, RegencyKind.KABUPATEN_ADMINISTRASI]).count()
        == 416
    )
    assert Regency.objects.filter(kind__in=[RegencyKind.KOTA, RegencyKind.KOTA_ADMINISTRASI]).count() == 98
    assert Agency.objects.exclude(kind=AgencyKind.CENTRAL).count() == 552


def test_jakarta_administrative_units_have_no_ppk_of_their_own():
    no_ppk = Agency.objects.filter(has_own_ppk=False)
    assert no_ppk.count() == 6
    assert set(no_ppk.values_list("province_id", flat=True)) == {"31"}
    assert all(a.parent.code == "prov-31" for a in no_ppk)


def test_it_gives_each_agency_its_ppk_title():
    assert Agency.objects.get(code="kota-73-71").ppk_title == "Wali Kota Makassar"
    assert Agency.objects.get(code="kab-73-01").ppk_title.startswith("Bupati ")
    assert Agency.objects.get(code="prov-36").ppk_title == "Gubernur Banten"
    assert Agency.objects.get(code="kemenag").ppk_title == "Menteri Agama"
    for code in ("kemenpanrb", "kemendagri", "bkn", "kemenag", "mahkamah-agung", "bpom", "kemendikdasmen"):
        assert Agency.objects.filter(code=code, kind=AgencyKind.CENTRAL).exists(), code


def test_retired_ministries_point_to_their_successors():
    assert Agency.objects.get(code="kemendikdasmen").predecessor.code == "kemendikbudristek"
    assert Agency.objects.get(code="kemenristekdikti").disabled_on == date(2019, 10, 23)


def test_loading_twice_changes_nothing():
    before = {
        "agencies": list(Agency.objects.order_by("code").values()),
        "datasets": list(ReferenceDataset.objects.order_by("code").values("code", "checksum")),
    }
    assert load_all() == []
    assert load_all(force=True)  # forced reload rewrites but must produce identical rows
    after = {
        "agencies": list(Agency.objects.order_by("code").values()),
        "datasets": list(ReferenceDataset.objects.order_by("code").values("code", "checksum")),
    }
    assert before == after


def test_every_dataset_records_its_source_and_version():
    codes = set(ReferenceDataset.objects.values_list("code", flat=True))
    assert codes >= {"regions", "agencies-central", "authorities", "elections", "sanctions", "violations"}
    for ds in ReferenceDataset.objects.all():
        assert ds.legal_source and ds.version and ds.effective_date and len(ds.checksum) == 64


@pytest.mark.parametrize(
    ("day", "authority"),
    [
        (date(2019, 4, 17), "KASN"),
        (date(2024, 9, 16), "KASN"),
        (date(2024, 9, 17), "BKN"),
        (date(2026, 1, 1), "BKN"),
    ],
)
def test_the_supervising_authority_is_chosen_by_date(day, authority):
    assert Authority.objects.for_date(day).short_name == authority


def test_elections_have_dates_and_counts():
    pilkada2020 = Election.objects.get(code="pilkada-2020")
    assert pilkada2020.voting_date == date(2020, 12, 9)
    assert (
        pilkada2020.region_count,
        pilkada2020.province_count,
        pilkada2020.regency_count,
        pilkada2020.city_count,
    ) == (
        270,
        9,
        224,
        37,
    )
    assert pilkada2020.provinces.count() == 9
    pilkada2024 = Election.objects.get(code="pilkada-2024")
    assert pilkada2024.region_count == 545
    assert pilkada2024.provinces.count() == 37
    assert pilkada2024.regencies.count() == 508  # the 6 Jakarta administrative units do not elect heads
    assert Election.objects.get(code="pemilu-2019").voting_date == date(2019, 4, 17)
    assert Election.objects.get(code="pemilu-2024").voting_date == date(2024, 2, 14)


def test_catalogues_follow_skb_2022_and_pp_94_2021():
    assert ViolationCategory.objects.filter(group__startswith="A.").count() == 7
    assert ViolationCategory.objects.filter(group__startswith="B.").count() == 12
    assert ViolationCategory.objects.get(code="skb2022-b5").default_sanction.code == "ptdh"
    assert ViolationCategory.objects.get(code="skb2022-a4").default_level == SanctionLevel.MORAL
    counts = {
        level: SanctionKind.objects.filter(level=level, employee_type__in=["", "pns"]).count()
        for level in (SanctionLevel.MORAL, SanctionLevel.LIGHT, SanctionLevel.MODERATE, SanctionLevel.HEAVY)
    }
    assert counts == {
        SanctionLevel.MORAL: 2,
        SanctionLevel.LIGHT: 3,
        SanctionLevel.MODERATE: 3,
        SanctionLevel.HEAVY: 3,
    }
    assert SanctionKind.objects.filter(employee_type="pppk").count() >= 2
