"""Timing helpers for `manage.py bench`: samples → median/p95/p99/throughput, peak RSS, work in a forked child
with a time limit (so one slow workload cannot stall the run, and its memory peak is its own)."""

import multiprocessing
import os
import resource
import statistics
import time
import traceback
from dataclasses import asdict, dataclass, field


def percentile(samples: list[float], p: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@dataclass
class Timing:
    """Latencies in milliseconds of one measured thing (the app's path or its raw counterpart)."""

    name: str
    samples_ms: list[float] = field(default_factory=list, repr=False)
    wall_s: float = 0.0  # elapsed time of the whole measurement (throughput = count / wall)
    count: int = 0  # operations completed (may exceed len(samples) for batch work)
    errors: int = 0
    peak_rss_mb: float | None = None
    note: str = ""

    def summary(self) -> dict:
        s = self.samples_ms
        return {
            "name": self.name,
            "n": len(s),
            "median_ms": round(statistics.median(s), 3) if s else None,
            "p95_ms": round(percentile(s, 95), 3) if s else None,
            "p99_ms": round(percentile(s, 99), 3) if s else None,
            "throughput_per_s": round(self.count / self.wall_s, 2) if self.wall_s else None,
            "errors": self.errors,
            "peak_rss_mb": round(self.peak_rss_mb, 1) if self.peak_rss_mb else None,
            "note": self.note,
        }


def measure(name: str, fn, repeat: int = 20, warmup: int = 1, per_call=None) -> Timing:
    """Call `fn` `repeat` times (after `warmup` calls); `per_call(i)` gives the argument of call i, if any."""
    for i in range(warmup):
        fn(per_call(i)) if per_call else fn()
    timing = Timing(name)
    start = time.perf_counter()
    for i in range(repeat):
        t0 = time.perf_counter()
        fn(per_call(i + warmup)) if per_call else fn()
        timing.samples_ms.append((time.perf_counter() - t0) * 1000)
    timing.wall_s = time.perf_counter() - start
    timing.count = repeat
    timing.peak_rss_mb = peak_rss_mb()
    return timing


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(fn, queue):
    from django.db import connections

    connections.close_all()  # never share the parent's socket
    try:
        result = fn()
        queue.put(("ok", result, peak_rss_mb()))
    except BaseException:  # noqa: BLE001 - reported to the parent
        queue.put(("error", traceback.format_exc(), peak_rss_mb()))


def in_child(fn, timeout: float):
    """Run `fn()` in a forked process; returns (status, result or traceback, peak RSS MB of the child).
    status is "ok", "error" or "timeout" (the child is killed)."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    from django.db import connections

    connections.close_all()
    proc = ctx.Process(target=_child, args=(fn, queue))
    proc.start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, result, rss = queue.get(timeout=0.5)
            proc.join(5)
            return status, result, rss
        except Exception:  # noqa: BLE001, S112 - queue.Empty: keep waiting
            if not proc.is_alive():
                break
    if proc.is_alive():
        proc.kill()
        proc.join()
        return "timeout", f"did not finish in {timeout:.0f} s", None
    return "error", f"child exited with {proc.exitcode}", None


def process_rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident set of a process, from /proc."""
    current = peak = 0.0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    current = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
    except OSError:
        pass
    return current, peak


def children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
                out.extend(int(p) for p in fh.read().split())
    except OSError:
        pass
    return out


@dataclass
class Result:
    """One workload's outcome: app and raw timings, the ratio and the target."""

    workload: str
    title: str
    parts: list[dict] = field(default_factory=list)
    ratio: float | None = None
    ratio_kind: str = (
        ""  # "latency" (app/raw median: lower is better) or "throughput" (app/raw: higher is better)
    )
    target: str = ""
    met: bool | None = None
    notes: list[str] = field(default_factory=list)

    def add(self, timing: Timing, role: str = "app") -> dict:
        part = timing.summary() | {"role": role}
        self.parts.append(part)
        return part

    def as_dict(self) -> dict:
        return asdict(self)
