"""Merit use cases: one function per transition or edit; web views, the API, commands and demo data call these."""
