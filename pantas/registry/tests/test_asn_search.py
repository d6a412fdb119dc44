import pytest

from pantas.registry.models import Agency, CivilServant

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    makassar = Agency.objects.get(code="kota-73-71")
    kemenag = Agency.objects.get(code="kemenag")
    common = {"employee_type": "pns", "gender": "1", "birth_date": "1986-09-26", "position_class": "pengawas"}
    return {
        "makassar": CivilServant.objects.create(
            nip="198609262015051001", name="Andi Makassar", agency=makassar, **common
        ),
        "kemenag": CivilServant.objects.create(
            nip="198609262015051002", name="Budi Kemenag", agency=kemenag, **common
        ),
    }


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("bkn", {"Andi Makassar", "Budi Kemenag"}),
        ("pansel", set()),  # a NIP prefix is a search: selection committees name exact NIPs only
        ("ppk.makassar", {"Andi Makassar"}),
        ("ppk.kemenag", {"Budi Kemenag"}),
    ],
)
def test_each_role_finds_only_asn_in_its_scope(client, personas, people, username, expected):
    client.force_login(personas[username])
    html = client.get("/asn/", {"q": "1986 0926 2015"}).content.decode()
    found = {name for name in ("Andi Makassar", "Budi Kemenag") if name in html}
    assert found == expected


@pytest.mark.parametrize("username", ["cso.pattiro", "bawaslu.sulsel", "ombudsman"])
def test_partners_cannot_search_asn(client, personas, username):
    client.force_login(personas[username])
    assert client.get("/asn/", {"q": "Andi"}).status_code == 403


def test_a_malformed_nip_is_explained(client, personas, people):
    client.force_login(personas["bkn"])
    html = client.get("/asn/", {"q": "198609262015131000"}).content.decode()
    assert "harus 01–12" in html
    assert "tidak boleh 000" in html


def test_a_selection_committee_sees_only_the_candidates_it_names_by_exact_nip(client, personas, people):
    client.force_login(personas["pansel"])
    html = client.get("/asn/", {"q": "19860926 201505 1 001, 198609262015059999"}).content.decode()
    assert "Andi Makassar" in html and "Budi Kemenag" not in html
    assert "Andi" not in client.get("/asn/", {"q": "Andi"}).content.decode().split("<table")[-1]
    both = client.get("/asn/", {"q": "198609262015051001\n198609262015051002"}).content.decode()
    assert "Andi Makassar" in both and "Budi Kemenag" in both


@pytest.mark.parametrize("username", ["kustodian", "penilai"])
def test_the_custodian_and_the_merit_assessor_have_no_asn_search(client, personas, people, username):
    client.force_login(personas[username])
    assert client.get("/asn/", {"q": "198609262015051001"}).status_code == 403
    assert not CivilServant.objects.visible_to(personas[username]).exists()
