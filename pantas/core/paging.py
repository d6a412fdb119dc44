"""Paging lists of a million rows (ADR 0132): a count that stops at `COUNT_CAP` ("lebih dari 10.000") instead of
an exact `COUNT(*)` on every page view, and keyset pages — "rows after this one" in the list's own order — that
an index on the ordering columns serves in a few milliseconds however deep the page.

`CappedPaginator` is Django's `Paginator` with the capped count (web lists keep their page numbers, bounded by
the cap). `keyset_order(queryset)` tells whether a queryset's ordering can be paged by key (local, non-null
columns ending in the primary key); `keyset_after(queryset, order, cursor)` narrows it to the rows after an
opaque, signed cursor made by `make_cursor(row, order)`.
"""

import json
from dataclasses import dataclass
from functools import cached_property

from django.core import signing
from django.core.paginator import Paginator
from django.db.models import Q

COUNT_CAP = 10_000
_SALT = "pantas.core.paging"


def capped_count(queryset, cap: int = COUNT_CAP) -> int:
    """The number of rows, or `cap + 1` when there are more than `cap`: `SELECT COUNT(*) FROM (… LIMIT cap+1)`.
    A plain list (rows built from reference data, e.g. the guidance catalogue) is counted as it is."""
    if not hasattr(queryset, "query"):
        return min(len(queryset), cap + 1)
    return queryset.order_by()[: cap + 1].count()


class CappedPaginator(Paginator):
    """A paginator whose `count` stops at `cap + 1`; `capped` says the list is longer (the page links stop at
    the cap: narrowing the filters is the way further)."""

    cap = COUNT_CAP

    @cached_property
    def count(self):
        return capped_count(self.object_list, self.cap)

    @property
    def capped(self) -> bool:
        return self.count > self.cap


@dataclass(frozen=True)
class KeyColumn:
    field: object  # the model field
    descending: bool

    @property
    def attname(self) -> str:
        return self.field.attname


class CursorError(ValueError):
    pass


def keyset_order(queryset) -> tuple[KeyColumn, ...] | None:
    """The queryset's ordering as key columns, or None when it cannot be paged by key (an expression, a related
    or nullable column, or an ordering that does not end in the primary key, which makes rows unique), or a
    plain list."""
    if not hasattr(queryset, "query"):
        return None
    query = queryset.query
    ordering = query.order_by or (queryset.model._meta.ordering if query.default_ordering else ())
    opts = queryset.model._meta
    columns = []
    for item in ordering:
        if not isinstance(item, str) or "__" in item or item.lstrip("-") == "?":
            return None
        name = item.lstrip("-")
        field = opts.pk if name == "pk" else _local_field(opts, name)
        if field is None or field.null:
            return None
        columns.append(KeyColumn(field, item.startswith("-")))
        if field.primary_key:
            return tuple(columns)
    return None


def _local_field(opts, name):
    try:
        field = opts.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist or an annotation: not a key column
        return None
    return field if getattr(field, "concrete", False) and not field.is_relation else None


def make_cursor(row, order: tuple[KeyColumn, ...]) -> str:
    values = [getattr(row, column.attname) for column in order]
    return signing.dumps(values, salt=_SALT, serializer=_JSONSerializer, compress=True)


def read_cursor(cursor: str, order: tuple[KeyColumn, ...]) -> list:
    try:
        values = signing.loads(cursor, salt=_SALT, serializer=_JSONSerializer)
    except signing.BadSignature as exc:
        raise CursorError(cursor) from exc
    if not isinstance(values, list) or len(values) != len(order):
        raise CursorError(cursor)
    try:
        return [column.field.to_python(value) for column, value in zip(order, values, strict=True)]
    except Exception as exc:  # noqa: BLE001 - a validly signed cursor of another list
        raise CursorError(cursor) from exc


def keyset_after(queryset, order: tuple[KeyColumn, ...], cursor: str):
    """Rows strictly after the cursor's row in `order`: `(a, b, id) > (va, vb, vid)` written as an OR chain,
    plus a plain bound on the first column so the index scan starts at the cursor, not at the list's top."""
    values = read_cursor(cursor, order)
    after = Q(pk__in=[])
    equal = Q()
    for column, value in zip(order, values, strict=True):
        op = "lt" if column.descending else "gt"
        after |= equal & Q(**{f"{column.attname}__{op}": value})
        equal &= Q(**{column.attname: value})
    first, first_value = order[0], values[0]
    bound = Q(**{f"{first.attname}__{'lte' if first.descending else 'gte'}": first_value})
    return queryset.filter(bound & after)


def _plain(value):
    """A JSON-ready value: dates and times in full ISO form (microseconds kept: a truncated time would skip or
    repeat rows that differ only there)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (int, float, str)) or value is None:
        return value
    return str(value)


class _JSONSerializer:
    def dumps(self, obj):
        return json.dumps([_plain(v) for v in obj], separators=(",", ":")).encode()

    def loads(self, data):
        return json.loads(data.decode())
