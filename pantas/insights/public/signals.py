"""Bump the public data version on any write to case, intake or follow-up rows (ADR 0077). Connected without
a sender and filtered by app label, so `insights` imports no other app's models."""

from django.db.models.signals import post_delete, post_save

from pantas.core import bulk

from .figures import bump_version

WATCHED_APPS = {"cases", "intake", "followup"}


def _changed(sender, **kwargs):
    # Historical models (data migrations, module "__fake__") run before the cache table exists on a fresh
    # database (`make run` migrates, then creates it); bulk loads are covered by data_version's count anyway.
    if sender.__module__ == "__fake__":
        return
    if sender._meta.app_label in WATCHED_APPS:
        bump_version()


def connect():
    post_save.connect(_changed, dispatch_uid="insights-public-version-save")
    bulk.rows_inserted.connect(_changed, dispatch_uid="insights-public-version-bulk")
    post_delete.connect(_changed, dispatch_uid="insights-public-version-delete")
