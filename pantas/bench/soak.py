"""Load/soak and fault scenarios on a loopback gunicorn (ADR 0128). Open-loop: requests are started at a fixed rate
whatever the server's latency, so a slow server shows as errors and latency, not as a lower offered load."""

import asyncio
import json
import random
import subprocess
import sys
import time
import uuid

from django.conf import settings
from django.db import connection

from .harness import children, percentile, process_rss_mb
from .server import _request, gunicorn, http_request

PUBLIC_PATHS = ["/", "/lapor/", "/data/", "/statistik/definisi/", "/tentang/", "/healthz"]


def partner_submission(token: str, run: str, i: int) -> bytes:
    body = json.dumps(
        {
            "source": "bawaslu",
            "register_number": f"SOAK/{run}/{i}",
            "track": "neutrality",
            "mode": "share",
            "description": f"ASN membagikan materi kampanye calon di grup warga, laporan uji beban {run}-{i}.",
            "persons": [{"name": f"Terlapor Uji {i % 997}", "agency": "kota-73-71"}],
            "links": [{"url": f"https://example.org/soak/{run}/{i}"}],
        }
    ).encode()
    return http_request(
        "POST",
        "/api/v1/reports/",
        body,
        {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )


def tokens() -> dict:
    from pantas.accounts.services import issue_api_token

    from .workloads import user

    return {name: issue_api_token(user(name), name="soak") for name in ("bawaslu.sulsel", "komisioner")}


class Mix:
    """Weighted request kinds: public pages, partner submissions, staff API reads."""

    def __init__(self, run: str, toks: dict, weights=(0.6, 0.15, 0.25)):
        self.run, self.toks, self.weights = run, toks, weights
        self.rng = random.Random(run)

    def next(self, i: int) -> tuple[str, bytes]:
        kind = self.rng.choices(["public", "submit", "staff"], self.weights)[0]
        if kind == "public":
            return kind, http_request("GET", self.rng.choice(PUBLIC_PATHS))
        if kind == "submit":
            return kind, partner_submission(self.toks["bawaslu.sulsel"], self.run, i)
        path = self.rng.choice(["/api/v1/cases/", "/api/v1/reports/", "/api/v1/stats/?group_by=province"])
        return kind, http_request("GET", path, headers={"Authorization": f"Bearer {self.toks['komisioner']}"})


def open_loop(port: int, mix: Mix, rate: float, seconds: float, on_tick=None, timeout: float = 30.0) -> dict:
    """Start `rate` requests per second for `seconds`; returns per-kind latencies and status counts."""
    stats: dict = {}
    pending = set()

    async def one(kind: str, payload: bytes, started: float):
        try:
            status, _ = await _request(port, payload, timeout)
        except (TimeoutError, OSError):
            status = 0
        s = stats.setdefault(kind, {"lat": [], "status": {}})
        s["lat"].append((time.perf_counter() - started) * 1000)
        s["status"][status] = s["status"].get(status, 0) + 1
        s.setdefault("timeline", []).append((round(started - t0, 1), status))

    async def main():
        i = 0
        next_tick = t0 + 10
        while (now := time.perf_counter()) < t0 + seconds:
            due = t0 + i / rate
            if due > now:
                await asyncio.sleep(due - now)
            kind, payload = mix.next(i)
            task = asyncio.create_task(one(kind, payload, time.perf_counter()))
            pending.add(task)
            task.add_done_callback(pending.discard)
            i += 1
            if on_tick and time.perf_counter() >= next_tick:
                next_tick += 10
                await asyncio.to_thread(on_tick, time.perf_counter() - t0)
        if pending:
            await asyncio.wait(pending, timeout=timeout + 5)

    t0 = time.perf_counter()
    asyncio.run(main())
    return stats


def summarise(stats: dict) -> dict:
    out = {}
    for kind, s in stats.items():
        ok = sum(n for st, n in s["status"].items() if st and st < 400)
        out[kind] = {
            "requests": len(s["lat"]),
            "ok": ok,
            "errors": len(s["lat"]) - ok,
            "status": s["status"],
            "median_ms": round(percentile(s["lat"], 50), 1),
            "p95_ms": round(percentile(s["lat"], 95), 1),
            "p99_ms": round(percentile(s["lat"], 99), 1),
        }
    return out


def soak(minutes: float, rate: float, log=print) -> dict:
    run = uuid.uuid4().hex[:8]
    mix = Mix(run, tokens())
    samples = []
    # A task worker runs beside the server, as in production: submissions enqueue work, and the health check
    # (one of the public paths) answers 503 while ready tasks wait unprocessed.
    task_worker = worker_process()
    with gunicorn() as (port, master):
        workers = children(master)

        def tick(elapsed):
            rss = [process_rss_mb(p)[0] for p in workers]
            samples.append((round(elapsed), rss))
            log(f"  {elapsed:5.0f} s  worker RSS {', '.join(f'{r:.0f}' for r in rss)} MB")

        warm = open_loop(port, mix, rate, min(30, minutes * 60 / 5))  # warm-up: caches, imports
        del warm
        tick(0)
        stats = open_loop(port, mix, rate, minutes * 60, on_tick=tick)
        tick(minutes * 60)
    task_worker.terminate()
    task_worker.wait(30)
    first, last = samples[0][1], samples[-1][1]
    growth = [round((b - a) / a * 100, 1) if a else None for a, b in zip(first, last, strict=False)]
    summary = summarise(stats)
    errors = sum(k["errors"] for k in summary.values())
    return {
        "minutes": minutes,
        "rate": rate,
        "by_kind": summary,
        "errors": errors,
        "worker_rss_mb": samples,
        "worker_rss_growth_pct": growth,
        "ok": errors == 0 and all(g is not None and g < 10 for g in growth),
    }


# --- faults --------------------------------------------------------------------------------------------------------
def postgres_restart(
    cluster: str, seconds: float = 40, rate: float = 20, restart_at: float = 10, log=print
) -> dict:
    """Partner submissions at `rate`/s; PostgreSQL `cluster` ("15/main") restarted after `restart_at` s. Every
    answer must be 201 or 503 (never 500), every created report complete, and the last 10 s all 201."""
    version, name = cluster.split("/")
    run = uuid.uuid4().hex[:8]
    toks = tokens()
    mix = Mix(run, toks, weights=(0, 1, 0))

    def restarter():
        time.sleep(restart_at)
        log(f"  restarting PostgreSQL {cluster} …")
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "restart"], check=True)  # noqa: S603, S607
        log("  PostgreSQL is back")

    import threading

    with gunicorn() as (port, _master):
        thread = threading.Thread(target=restarter)
        thread.start()
        stats = open_loop(port, mix, rate, seconds)
        thread.join()
    connection.close()
    s = stats.get("submit", {"status": {}, "timeline": []})
    unexpected = {st: n for st, n in s["status"].items() if st not in (201, 503)}
    tail = [st for at, st in s["timeline"] if at >= seconds - 10]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.id FROM intake_report r WHERE r.register_number LIKE %s AND ("
            "(SELECT count(*) FROM intake_reportedperson p WHERE p.report_id = r.id) <> 1 OR "
            "(SELECT count(*) FROM intake_evidence e WHERE e.report_id = r.id) <> 1)",
            [f"SOAK/{run}/%"],
        )
        partial = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT count(*) FROM intake_report WHERE register_number LIKE %s", [f"SOAK/{run}/%"])
        created = cursor.fetchone()[0]
    return {
        "scenario": "postgres-restart",
        "status": s["status"],
        "unexpected": unexpected,
        "created": created,
        "accepted": s["status"].get(201, 0),
        "partial_reports": partial,
        "recovered": bool(tail) and all(st == 201 for st in tail),
        "ok": not unexpected
        and not partial
        and bool(tail)
        and all(st == 201 for st in tail)
        and created == s["status"].get(201, 0),
    }


def worker_process() -> subprocess.Popen:
    """The database-backed task worker (`db_worker`, every queue) on the bench database, as production runs it
    beside the web server."""
    import os

    from .server import database_url

    env = os.environ | {"DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "pantas.settings.bench"}
    command = [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2"]
    return subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [*command, "--no-startup-delay"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def worker_kill(overdue: int = 200, kill_after: float = 3.0, log=print) -> dict:
    """The deadline sweep in a real task worker (`db_worker`), killed with SIGKILL mid-run and restarted: every
    overdue follow-up ends escalated exactly once (one status change, one blocking request, one PPK report)."""
    from pantas.followup.models import BlockingRequest, FollowUp, FollowUpStatusChange
    from pantas.followup.tasks import sweep_deadlines_task

    from .workloads import arm_sweep

    arm_sweep(overdue)
    today_overdue = list(
        FollowUp.objects.filter(state__in=["awaiting", "acknowledged"], due_on__lt=_today()).values_list(
            "id", flat=True
        )
    )
    start = worker_process
    sweep_deadlines_task.enqueue()
    worker = start()
    # Kill mid-sweep: once the first escalations are committed (or after `kill_after` s at the latest).
    limit = time.monotonic() + max(kill_after, 60)
    while time.monotonic() < limit:
        done_before = FollowUp.objects.filter(id__in=today_overdue, state="escalated").count()
        if done_before >= max(1, len(today_overdue) // 10):
            break
        time.sleep(0.05)
    worker.kill()
    worker.wait()
    log(f"  worker killed after {done_before} escalations; restarting and sweeping again")
    sweep_deadlines_task.enqueue()
    worker = start()
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        left = FollowUp.objects.filter(id__in=today_overdue, state__in=["awaiting", "acknowledged"]).count()
        if not left:
            break
        time.sleep(1)
    time.sleep(2)
    worker.terminate()
    worker.wait(30)
    from django.db.models import Count

    escalations = FollowUpStatusChange.objects.filter(follow_up_id__in=today_overdue, to_state="escalated")
    per = dict(escalations.values_list("follow_up_id").annotate(n=Count("id")))
    blocks = dict(
        BlockingRequest.objects.filter(follow_up_id__in=today_overdue)
        .values_list("follow_up_id")
        .annotate(n=Count("id"))
    )
    twice = [pk for pk in today_overdue if per.get(pk, 0) > 1 or blocks.get(pk, 0) > 1]
    missing = [pk for pk in today_overdue if per.get(pk, 0) == 0 or blocks.get(pk, 0) == 0]
    return {
        "scenario": "worker-kill",
        "overdue": len(today_overdue),
        "escalated_before_kill": done_before,
        "escalated_twice": twice[:20],
        "not_escalated": missing[:20],
        "ok": not twice and not missing,
    }


def _today():
    from django.utils import timezone

    return timezone.localdate()
