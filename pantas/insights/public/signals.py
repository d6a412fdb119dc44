"""Bump the public data version once per transaction that writes case, intake or follow-up rows (ADR 0077,
0155). Connected without a sender and filtered by app label, so `insights` imports no other app's models."""

from django.db.models.signals import post_delete, post_save

from pantas.core import bulk

from .figures import bump_version_after_commit

WATCHED_APPS = {"cases", "intake", "followup"}


def _changed(sender, **kwargs):
    # Historical models (data migrations, module "__fake__") run before the cache table exists on a fresh
    # database (`make run` migrates, then creates it); bulk loads are covered by data_version's count anyway.
    if sender.__module__ == "__fake__":
        return
    label = sender._meta.app_label
    if label not in WATCHED_APPS:
        return
    if label == "intake" and (kwargs.get("created") or sender._meta.model_name != "report"):
        # The figures read intake only through a case's linked reports (`cases.facts`: mode, source); a new
        # report is linked to no case yet, and persons, evidence and history are never read. A partner
        # submission therefore leaves the version alone (issue 14, W1); linking it to a case bumps.
        return
    bump_version_after_commit()


def connect():
    post_save.connect(_changed, dispatch_uid="insights-public-version-save")
    bulk.rows_inserted.connect(_changed, dispatch_uid="insights-public-version-bulk")
    post_delete.connect(_changed, dispatch_uid="insights-public-version-delete")
