"""URL converters. `<id:pk>` is `<int:pk>` bounded to what the database can store: Django's own `int` matches
any run of digits, and `pk=99999999999999999999` overflows the database driver (a 500 instead of a 404)."""

from pantas.lib.limits import MAX_INT


class IdConverter:
    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_INT:
            raise ValueError("out of range")  # the pattern does not match → 404
        return number

    def to_url(self, value) -> str:
        return str(int(value))
