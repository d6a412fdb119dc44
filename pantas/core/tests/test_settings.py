"""Settings come from the environment through typed readers that reject garbage."""

import os
import subprocess
import sys

import pytest

from pantas.lib.env import EnvError, env_bool, env_int, env_list, env_str


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("true", True), ("Yes", True), ("0", False), ("off", False)]
)
def test_env_bool_reads_clear_values(raw, expected):
    assert env_bool("X", False, environ={"X": raw}) is expected


@pytest.mark.parametrize("raw", ["yes please", "2", "tru", "enabled"])
def test_env_bool_rejects_garbage(raw):
    with pytest.raises(EnvError, match="X="):
        env_bool("X", False, environ={"X": raw})


def test_env_int_and_list():
    assert env_int("P", 5, environ={"P": "8000"}) == 8000
    with pytest.raises(EnvError):
        env_int("P", 5, environ={"P": "80a"})
    with pytest.raises(EnvError):
        env_int("P", 5, environ={"P": "0"}, minimum=1)
    assert env_list("H", [], environ={"H": "a.go.id,b.go.id"}) == ["a.go.id", "b.go.id"]
    with pytest.raises(EnvError):
        env_list("H", [], environ={"H": "a,,b"})


def test_env_str_reads_secret_files(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    assert env_str("K", environ={"K_FILE": str(secret)}) == "s3cret"
    with pytest.raises(EnvError):
        env_str("K", environ={"K_FILE": str(tmp_path / "missing")})


def _check(settings_module, **env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "PANTAS_DEMO", "SECRET_KEY", "DATABASE_URL"}
    }
    clean.update(
        {"DJANGO_SETTINGS_MODULE": settings_module, "PANTAS_VAR_DIR": "/tmp/pantas-settings-test", **env}
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_garbage_env_value_is_a_precise_startup_error():
    result = _check("pantas.settings.dev", DEBUG="yes please")
    assert result.returncode != 0
    assert "DEBUG='yes please' is not a boolean" in result.stderr
    assert "Traceback" in result.stderr or "ImproperlyConfigured" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _check("pantas.settings.production", PANTAS_DEMO="0", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_an_evidence_key():
    result = _check(
        "pantas.settings.production",
        PANTAS_DEMO="0",
        DEBUG="0",
        SECRET_KEY="k" * 60,
        PANTAS_PUBLIC_URL="https://pantas.example.go.id",
    )
    assert result.returncode != 0
    assert "PANTAS_EVIDENCE_KEY must be set" in result.stderr


def test_production_refuses_demo_mode():
    result = _check(
        "pantas.settings.production",
        PANTAS_DEMO="1",
        DEBUG="0",
        SECRET_KEY="k" * 60,
        PANTAS_EVIDENCE_KEY="e" * 40,
        PANTAS_PUBLIC_URL="https://pantas.example.go.id",
    )
    assert result.returncode != 0
    assert "PANTAS_DEMO must be off" in result.stderr
