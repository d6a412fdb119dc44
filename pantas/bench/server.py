"""W1 and W6 through a real server: gunicorn (2 workers) on a loopback port with the bench settings, driven by an
asyncio load generator (stdlib only): N concurrent clients for a bounded time, one request per connection."""

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from .harness import Result, Timing, children, process_rss_mb

ROOT = Path(settings.BASE_DIR)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(workers: int = 2, port: int | None = None, extra_env: dict | None = None, log=None):
    """A gunicorn master on 127.0.0.1:port serving `pantas.wsgi` with `pantas.settings.bench` and this process's
    database; yields (port, master pid). Stopped (TERM, then KILL) on exit."""
    port = port or free_port()
    env = (
        os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "pantas.settings.bench",
            "DATABASE_URL": database_url(),
            "PANTAS_DEMO": "1",
        }
        | (extra_env or {})
    )
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "pantas.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
        "--graceful-timeout",
        "5",
        "--log-level",
        "warning",
        "--backlog",
        "2048",
    ]
    log_path = ROOT / "var" / "bench" / "gunicorn.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=out)  # noqa: S603
    try:
        wait_ready(port, proc)
        yield port, proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def database_url() -> str:
    s = connection.settings_dict
    user = s.get("USER") or "postgres"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


def wait_ready(port: int, proc, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}; see var/bench/gunicorn.log")
        try:
            status, _ = asyncio.run(
                _request(port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", 5)
            )
            if status:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz in time")


async def _request(port: int, payload: bytes, timeout: float) -> tuple[int, bytes]:
    async def go():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(payload)
            await writer.drain()
            data = await reader.read(-1)
        finally:
            writer.close()
        head = data.split(b"\r\n", 1)[0].split()
        return (int(head[1]) if len(head) > 1 else 0), data

    return await asyncio.wait_for(go(), timeout)


def http_request(method: str, path: str, body: bytes = b"", headers: dict | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    for k, v in (headers or {}).items():
        lines.append(f"{k}: {v}")
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def load(port: int, make_request, clients: int, seconds: float, timeout: float = 30.0) -> Timing:
    """`clients` concurrent clients, each sending `make_request(i)` (bytes) in a loop until `seconds` pass."""
    timing = Timing("")
    statuses: dict[int, int] = {}

    async def client(cid: int):
        i = 0
        while time.perf_counter() < deadline:
            payload = make_request(cid * 1_000_000 + i)
            i += 1
            t0 = time.perf_counter()
            try:
                status, data = await _request(port, payload, timeout)
            except (TimeoutError, OSError):
                status, data = 0, b""
            timing.samples_ms.append((time.perf_counter() - t0) * 1000)
            statuses[status] = statuses.get(status, 0) + 1
            if status and 200 <= status < 300:
                timing.count += 1
            else:
                timing.errors += 1
                if timing.errors <= 3:
                    timing.note += f"[{status}] {data[:300]!r} "

    async def main():
        await asyncio.gather(*(client(c) for c in range(clients)))

    start = time.perf_counter()
    deadline = start + seconds
    asyncio.run(main())
    timing.wall_s = time.perf_counter() - start
    timing.note = f"statuses {dict(sorted(statuses.items()))} " + timing.note
    return timing


def workers_rss(master: int) -> float:
    return max((process_rss_mb(pid)[1] for pid in children(master)), default=0.0)


def _finish(result: Result, app: Timing, bare: Timing, ratio_target: float, p99_target: float) -> Result:
    a, b = result.add(app), result.add(bare, "raw")
    if a["throughput_per_s"] and b["throughput_per_s"]:
        result.ratio, result.ratio_kind = (
            round(a["throughput_per_s"] / b["throughput_per_s"], 3),
            "throughput",
        )
    result.met = bool(
        result.ratio
        and result.ratio >= ratio_target
        and (a["p99_ms"] or 1e9) <= p99_target
        and app.errors == 0
    )
    return result


def w1(opts, clients: int = 32, seconds: float = 20.0) -> Result:
    """Partner API intake: POST /api/v1/reports/ (report, person, link evidence, audit, outbox) vs one INSERT."""
    from pantas.accounts.services import issue_api_token

    from .views import CREATE_BARE_TABLE
    from .workloads import user

    with connection.cursor() as cursor:
        cursor.execute(CREATE_BARE_TABLE)
    token = issue_api_token(user("bawaslu.sulsel"), name="bench")
    run = uuid.uuid4().hex[:8]

    def submit(i: int) -> bytes:
        body = json.dumps(
            {
                "source": "bawaslu",
                "register_number": f"BENCH/{run}/{i}",
                "track": "neutrality",
                "mode": "share",
                "election": "pilkada-2024",
                "description": f"ASN membagikan materi kampanye calon kepala daerah di grup warga, temuan {run}-{i}.",
                "persons": [{"name": f"Terlapor Uji {i % 9973}", "agency": "kota-73-71"}],
                "links": [{"url": f"https://example.org/post/{run}/{i}"}],
            }
        ).encode()
        return http_request(
            "POST",
            "/api/v1/reports/",
            body,
            {
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
            },
        )

    def bare(i: int) -> bytes:
        return http_request(
            "POST", "/bench/bare-insert/", f"row {i}".encode(), {"Content-Type": "text/plain"}
        )

    result = Result(
        "W1",
        f"Partner API intake, {clients} clients, gunicorn 2 workers",
        target="≥ 0.4× a bare one-INSERT view's throughput, p99 ≤ 100 ms",
    )
    with gunicorn() as (port, master):
        bare_t = load(port, bare, clients, seconds)
        bare_t.name = "bare: POST /bench/bare-insert/ (one INSERT)"
        app = load(port, submit, clients, seconds)
        app.name = "app: POST /api/v1/reports/ (partner token)"
        app.peak_rss_mb = workers_rss(master)
    return _finish(result, app, bare_t, 0.4, 100)


def w6(opts, clients: int = 32, seconds: float = 20.0) -> Result:
    """Cached public statistics page vs a bare HttpResponse, same server."""
    from pantas.insights.public import figures

    elections = figures.elections()
    path = f"/data/{elections[-1][0]}/" if elections else "/data/"
    result = Result(
        "W6",
        f"Cached public statistics page {path}, {clients} clients",
        target="≥ 0.6× a bare HttpResponse view's throughput, p99 ≤ 30 ms",
    )
    with gunicorn() as (port, master):
        for _ in range(4):  # fill the cache in both workers
            asyncio.run(_request(port, http_request("GET", path), 600))
        bare_t = load(port, lambda i: http_request("GET", "/bench/bare/"), clients, seconds)
        bare_t.name = "bare: GET /bench/bare/ (HttpResponse)"
        app = load(port, lambda i: http_request("GET", path), clients, seconds)
        app.name = f"app: GET {path} (cached)"
        app.peak_rss_mb = workers_rss(master)
    return _finish(result, app, bare_t, 0.6, 30)


SERVER = {"W1": w1, "W6": w6}
