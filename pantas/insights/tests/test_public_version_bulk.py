"""Rows written in bulk (`core.bulk.insert`: the sweep's history, requests, notifications) bypass `post_save`; the
public figures' data version is bumped by `core.bulk.rows_inserted` instead (ADR 0146)."""

import pytest
from django.core.cache import cache

from pantas.core import bulk
from pantas.core.models import AuditEvent
from pantas.insights.public.figures import VERSION_KEY
from pantas.intake.models import Report

pytestmark = pytest.mark.django_db


def test_a_bulk_insert_into_a_watched_app_bumps_the_public_version(django_capture_on_commit_callbacks):
    cache.set(VERSION_KEY, 5, None)
    with django_capture_on_commit_callbacks(execute=True):
        bulk.rows_inserted.send(sender=Report)
    bumped = cache.get(VERSION_KEY)
    assert bumped != 5  # a new token, after the commit (ADR 0155)
    with django_capture_on_commit_callbacks(execute=True):
        bulk.insert(AuditEvent, [{"action": "tests.bulk", "object_type": "tests", "object_id": "1"}])
    assert cache.get(VERSION_KEY) == bumped  # core is not a watched app
