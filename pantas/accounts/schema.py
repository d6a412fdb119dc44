"""OpenAPI description of our Bearer token authentication (drf-spectacular extension, loaded in AppConfig.ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "pantas.accounts.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "pantas_<key id>_<secret>",
            "description": "Token dari `manage.py api_token USERNAME` / token from `manage.py api_token USERNAME`.",
        }
