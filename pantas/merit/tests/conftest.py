import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The shipped instruments are part of the merit tests' base state (like the registry's reference data)."""
    from pantas.merit.reference import load_all

    with django_db_blocker.unblock():
        load_all()


@pytest.fixture
def kasn(db):
    from pantas.merit.models import InstrumentVersion

    return InstrumentVersion.objects.get(instrument__code="kasn-sistem-merit", number=1)


@pytest.fixture
def panrb(db):
    from pantas.merit.models import InstrumentVersion

    return InstrumentVersion.objects.get(instrument__code="panrb-sistem-merit-2025", number=1)


@pytest.fixture
def makassar(db):
    from pantas.registry.models import Agency

    return Agency.objects.get(code="kota-73-71")


@pytest.fixture
def kemenag(db):
    from pantas.registry.models import Agency

    return Agency.objects.get(code="kemenag")
