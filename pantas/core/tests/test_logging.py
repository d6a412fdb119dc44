import logging

from pantas.core.logging import ScrubFilter


def _record(msg, *args, **extra):
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, msg, args, None)
    for key, value in extra.items():
        setattr(record, key, value)
    return record


def test_it_drops_the_request_object_that_carries_client_details():
    record = _record("Forbidden: %s", "/lapor/", request=object())
    assert ScrubFilter().filter(record)
    assert record.request is None


def test_it_redacts_ip_addresses_and_receipt_shaped_strings():
    record = _record("client %s used receipt %s", "203.0.113.77", "ABCD-EFGH-JKMN-PQRS-TVWX")
    ScrubFilter().filter(record)
    message = record.getMessage()
    assert "203.0.113.77" not in message
    assert "ABCD-EFGH-JKMN-PQRS-TVWX" not in message
    assert "[ip]" in message and "[receipt]" in message


def test_it_keeps_ordinary_messages_untouched():
    record = _record("case %s moved to %s", "LAP-2026-000123", "verification")
    ScrubFilter().filter(record)
    assert record.getMessage() == "case LAP-2026-000123 moved to verification"
