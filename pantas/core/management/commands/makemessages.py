"""`makemessages` without fuzzy matching: a guessed translation of a similar string is worse than none
(fuzzy entries are not compiled, so the UI would silently fall back to Indonesian)."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
