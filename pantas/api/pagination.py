"""The one pagination class (settings `REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"]`): limit/offset with a
documented maximum page size. Unlike DRF's own, a bad `limit`/`offset` is a 400, not silently the default, and a
huge one never reaches the database (ADR 0091)."""

from rest_framework.pagination import LimitOffsetPagination

from .params import MAX_INT, int_param

MAX_PAGE_SIZE = 200


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request):
        return int_param(
            request, self.limit_query_param, minimum=1, maximum=self.max_limit, default=self.default_limit
        )

    def get_offset(self, request):
        return int_param(request, self.offset_query_param, minimum=0, maximum=MAX_INT, default=0)

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit, "default": self.default_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_INT, "default": 0},
        }
        for param in params:
            param["schema"].update(bounds.get(param["name"], {}))
        return params
