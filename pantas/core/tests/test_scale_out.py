"""Several nodes against one PostgreSQL (ADR 0097): two web processes (gunicorn) and two task workers show
that a `single_runner` section runs once when two processes race, that rate limits are shared between web
nodes, and that one enqueued task runs exactly once. Bounded to about 30 seconds."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

pytestmark = [pytest.mark.postgres]
ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent

RACE = """
import sys, time
from pathlib import Path
import django
django.setup()
from pantas.core.locks import single_runner
tmp = Path(sys.argv[1]); me = sys.argv[2]
(tmp / f"ready-{me}").touch()
while not (tmp / "go").exists():
    time.sleep(0.01)
with single_runner("scale-out-test") as acquired:
    if acquired:
        with open(tmp / "ran", "a") as fh:
            fh.write(me + "\\n")
        (tmp / "holding").touch()
        while not (tmp / "release").exists():
            time.sleep(0.01)
    (tmp / f"done-{me}").touch()
"""


@pytest.fixture
def postgres_db(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (several processes on one database)")


def _env(tmp_path):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pantas.settings.dev",  # database task backend and database cache
        "DATABASE_URL": url,
        "PANTAS_VAR_DIR": str(tmp_path / "var"),
        "PANTAS_DEMO": "1",
        "DEBUG": "0",
        "PYTHONPATH": str(ROOT),
    }


def _wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _spawn(stack, args, env, log):
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    stack.callback(lambda: (proc.terminate(), proc.wait(10)))
    return proc


def _up(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:  # noqa: S310
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_two_web_nodes_and_two_workers_on_one_database(postgres_db, tmp_path):
    from .scale_out_tasks import record_run

    db_cache = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "pantas_cache"}
    }
    with override_settings(CACHES=db_cache):
        call_command("createcachetable")
    env = _env(tmp_path)
    started = time.monotonic()
    runs = tmp_path / "runs.txt"
    with ExitStack() as stack:
        log = stack.enter_context(open(tmp_path / "processes.log", "wb"))
        ports = [_free_port(), _free_port()]
        for port in ports:
            gunicorn = [str(BIN / "gunicorn"), "pantas.wsgi:application", "--bind", f"127.0.0.1:{port}"]
            _spawn(stack, [*gunicorn, "--workers", "1", "--graceful-timeout", "2"], env, log)
        racers = [
            _spawn(stack, [sys.executable, "-c", RACE, str(tmp_path), str(i)], env, log) for i in (1, 2)
        ]

        # 1. One enqueued task runs once, whichever of the two workers claims it.
        with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
            for n in range(20):
                record_run.enqueue(str(runs), n)
        worker = [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--no-startup-delay",
            "--interval",
            "0.1",
        ]
        workers = [_spawn(stack, [*worker, "--worker-id", f"w{i}"], env, log) for i in (1, 2)]

        # 2. A single_runner section: both racers start together, exactly one enters.
        _wait_for(lambda: all((tmp_path / f"ready-{i}").exists() for i in (1, 2)), 25, "racers")
        (tmp_path / "go").touch()
        _wait_for(lambda: (tmp_path / "holding").exists(), 5, "the lock holder")
        _wait_for(lambda: any((tmp_path / f"done-{i}").exists() for i in (1, 2)), 5, "the loser")
        (tmp_path / "release").touch()
        for racer in racers:
            racer.wait(10)
        assert len((tmp_path / "ran").read_text().split()) == 1

        # 3. Rate limits live in the shared cache: 10 receipt look-ups per client in total, across both nodes.
        _wait_for(lambda: all(_up(p) for p in ports), 25, "both web nodes")
        jar = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        form = opener.open(f"http://127.0.0.1:{ports[0]}/lapor/status/", timeout=5).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "receipt": "AAAA-BBBB-CCCC"}).encode()
        statuses = []
        for i in range(11):
            try:
                statuses.append(
                    opener.open(f"http://127.0.0.1:{ports[i % 2]}/lapor/status/", body, timeout=5).status
                )
            except urllib.error.HTTPError as exc:
                statuses.append(exc.code)
        assert 429 not in statuses[:10] and statuses[10] == 429, statuses

        for proc in workers:
            proc.wait(20)
    assert time.monotonic() - started < 60  # ~25 s on an idle 2-core machine
    lines = runs.read_text().split("\n")
    done = sorted(int(line.split()[0]) for line in lines if line)
    assert done == list(range(20)), "every task exactly once"
