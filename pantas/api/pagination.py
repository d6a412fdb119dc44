"""The one pagination class (settings `REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]`): limit/offset with a
documented maximum page size. Unlike DRF's own, a bad `limit`/`offset` is a 400, not silently the default, and a
huge one never reaches the database (ADR 0091).

At national scale (ADR 0132) a page never counts a million rows: `count` is exact up to `COUNT_CAP` and
`COUNT_CAP + 1` beyond (`count_is_exact` false); `next` is there exactly when more rows follow (one row past the
page is fetched). Lists ordered by key columns also page by key: `next_cursor` (and, once a request carries
`cursor`, the `next` link) gives the rows after the page's last row — an index range scan however deep. Clients
of the limit/offset contract keep working unchanged.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from pantas.core.paging import COUNT_CAP, CursorError, capped_count, keyset_after, keyset_order, make_cursor

from .params import MAX_INT, int_param

MAX_PAGE_SIZE = 200
MAX_CURSOR_LENGTH = 500


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = MAX_PAGE_SIZE
    cursor_query_param = "cursor"

    def get_limit(self, request):
        return int_param(
            request, self.limit_query_param, minimum=1, maximum=self.max_limit, default=self.default_limit
        )

    def get_offset(self, request):
        return int_param(request, self.offset_query_param, minimum=0, maximum=MAX_INT, default=0)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = self.get_limit(request)
        self.order = keyset_order(queryset)
        cursor = request.query_params.get(self.cursor_query_param)
        self.cursor = cursor
        self.count = capped_count(queryset)
        if cursor is not None:
            if self.order is None or len(cursor) > MAX_CURSOR_LENGTH:
                raise ValidationError(
                    {self.cursor_query_param: [_("Kursor tidak berlaku untuk daftar ini.")]}
                )
            self.offset = 0
            try:
                queryset = keyset_after(queryset, self.order, cursor)
            except CursorError:
                raise ValidationError(
                    {self.cursor_query_param: [_("Kursor tidak berlaku untuk daftar ini.")]}
                ) from None
        else:
            self.offset = self.get_offset(request)
            queryset = queryset[self.offset :]
        rows = list(queryset[: self.limit + 1])
        self.has_next = len(rows) > self.limit
        rows = rows[: self.limit]
        self.next_cursor = make_cursor(rows[-1], self.order) if self.has_next and self.order else None
        return rows

    def get_next_link(self):
        if not self.has_next:
            return None
        url = self.request.build_absolute_uri()
        url = replace_query_param(url, self.limit_query_param, self.limit)
        if self.cursor is not None:
            return replace_query_param(url, self.cursor_query_param, self.next_cursor)
        return replace_query_param(url, self.offset_query_param, self.offset + self.limit)

    def get_previous_link(self):
        if self.cursor is not None:
            return None  # key pages go forward; the list's top is the link without a cursor
        return super().get_previous_link()

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "count_is_exact": self.count <= COUNT_CAP,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "next_cursor": self.next_cursor,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        props = response["properties"]
        props["count"]["description"] = (
            f"Rows in the list, exact up to {COUNT_CAP}; {COUNT_CAP + 1} means more (see count_is_exact)."
        )
        props["count_is_exact"] = {"type": "boolean", "example": True}
        props["next_cursor"] = {
            "type": "string",
            "nullable": True,
            "description": "Pass as `cursor` for the rows after this page (lists ordered by key only).",
        }
        response["required"] = ["count", "count_is_exact", "next", "previous", "next_cursor", "results"]
        return response

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit, "default": self.default_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_INT, "default": 0},
        }
        for param in params:
            param["schema"].update(bounds.get(param["name"], {}))
        params.append(
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "`next_cursor` of the previous page: the rows after it, in the list's order "
                "(instead of offset; 400 on lists not ordered by key or a cursor of another list).",
                "schema": {"type": "string", "maxLength": MAX_CURSOR_LENGTH},
            }
        )
        return params

    def get_html_context(self):  # the browsable API's page links: forward/back only
        return {"previous_url": self.get_previous_link(), "next_url": self.get_next_link()}
