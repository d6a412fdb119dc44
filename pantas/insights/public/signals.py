"""Bump the public data version on any write to case, intake or follow-up rows (ADR 0077). Connected without
a sender and filtered by app label, so `insights` imports no other app's models."""

from django.db.models.signals import post_delete, post_save

from .figures import bump_version

WATCHED_APPS = {"cases", "intake", "followup"}


def _changed(sender, **kwargs):
    if sender._meta.app_label in WATCHED_APPS:
        bump_version()


def connect():
    post_save.connect(_changed, dispatch_uid="insights-public-version-save")
    post_delete.connect(_changed, dispatch_uid="insights-public-version-delete")
