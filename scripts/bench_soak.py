"""The `soak` scenario of scripts/bench_scenarios.py (issue 9, item 6): a long-running
`ocean-aws sail` resynced again and again must not grow.

Not a timed test and not part of CI: it measures and records. It starts ocean-aws-fakeaws with a
modest universe and `ocean-aws sail` in WEBHOOK mode into a SQLite catalog (loopback: the fake
and the sail's HTTP server on 127.0.0.1 ports), then `iterations` times: POST /resync (the
handler answers when the resync has ended), checks the run's status in the catalog's `runs`
table, waits `interval` seconds and samples the whole process tree from /proc: the main process
(VmRSS, open fds, threads) and its children, the `__map-worker` mapping workers (count, summed
VmRSS, fds and threads), plus the size of GET /metrics (a label set that grows would show there).

Verdict "flat" when the highest sample of the last `w` iterations exceeds the highest of the
`w` iterations after the warm-up (`warmup` iterations; w = a tenth of the rest, at least 3) by at
most: 10 % for the main RSS, the workers' summed RSS and the main process's sockets (RSS moves by
megabytes as the allocator returns memory, pooled keep-alive connections come and go); nothing
for the main process's other fds (files, pipes, eventfds), the workers' fds, threads and the
worker count. Slopes are least-squares fits over the samples after the warm-up, per 100
iterations: over a long run they show a slow leak that the highs could hide.
At the end the sail gets SIGTERM; its workers must be gone with it. Bounded: every wait has a
timeout and the processes are killed whatever happens.
"""
import json
import os
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
import urllib.request

RSS_TOLERANCE = 0.10


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid):
    """{VmRSS kB, Threads} of a process, or None when it is gone."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "Threads"):
                    out[key] = int(value.split()[0])
    except OSError:
        return None
    return out


def fds(pid):
    """(open fds, of which sockets) of a process."""
    total = sockets = 0
    try:
        names = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return 0, 0
    for name in names:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue  # closed meanwhile
        total += 1
        sockets += target.startswith("socket:")
    return total, sockets


def children(pid):
    """Child pids of `pid` (scanning /proc: needs no CONFIG_PROC_CHILDREN)."""
    kids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if int(fields[1]) == pid:  # fields[0] is the state, fields[1] the parent pid
            kids.append(int(entry))
    return sorted(kids)


def sample(pid):
    main = proc_status(pid) or {}
    kids = children(pid)
    workers = [(k, proc_status(k)) for k in kids]
    workers = [(k, s) for k, s in workers if s]
    main_fds, main_sockets = fds(pid)
    return {"main_rss_kb": main.get("VmRSS", 0), "main_fds": main_fds,
            "main_sockets": main_sockets, "main_other_fds": main_fds - main_sockets,
            "main_threads": main.get("Threads", 0), "workers": len(workers),
            "worker_pids": [k for k, _ in workers],
            "workers_rss_kb": sum(s.get("VmRSS", 0) for _, s in workers),
            "workers_fds": sum(fds(k)[0] for k, _ in workers),
            "workers_threads": sum(s.get("Threads", 0) for _, s in workers)}


def slope_per_100(ys):
    """Least-squares slope of ys over their index, per 100 iterations."""
    n = len(ys)
    if n < 2:
        return 0.0
    mx, my = (n - 1) / 2, sum(ys) / n
    den = sum((x - mx) ** 2 for x in range(n))
    return 100 * sum((x - mx) * (y - my) for x, y in enumerate(ys)) / den


def http(url, method="GET", timeout=10):
    req = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, r.read()


def last_run(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        row = con.execute("SELECT resync_id, status, message FROM runs "
                          "ORDER BY started_at DESC LIMIT 1").fetchone()
        count = con.execute("SELECT count(*) FROM runs").fetchone()[0]
        return row, count
    finally:
        con.close()


def start_sail(args, fake, cfg, env_of, config_text, out):
    config = os.path.join(out, "port-app-config.yml")
    with open(config, "w") as f:
        f.write(config_text)
    db = os.path.join(out, "catalog.sqlite")
    port = free_port()
    env = env_of(fake, cfg, {"OCEAN__EVENT_LISTENER__TYPE": "WEBHOOK",
                             "APPLICATION__PORT": str(port),
                             "OCEAN__PROCESS_IN_QUEUE_MAX_WORKERS": str(args.soak_workers)})
    log = open(os.path.join(out, "sail.log"), "w")
    proc = subprocess.Popen([args.ocean_aws, "sail", "--config-file", config, "--endpoint-url",
                             fake.url, "--sink", "sqlite", "--sqlite-path", db],
                            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=out)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if http(url + "/health/ready", timeout=2)[0] == 200:
                return proc, url, db, log
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise SystemExit(f"ocean-aws sail did not start (see {log.name})")
        time.sleep(0.1)


def stop_sail(proc, worker_pids):
    """SIGTERM, wait; SIGKILL after 30 s. Returns (exit code, workers still alive)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    time.sleep(0.5)
    alive = [p for p in worker_pids if proc_status(p) is not None]
    for p in alive:  # ours (children of the sail we started): never outlive the benchmark
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass
    return proc.returncode, alive


def window(iterations, warmup):
    return max(3, (iterations - warmup) // 10)


# metric -> allowed growth of the end window's highest sample over the warm window's highest
# (a fraction; 0 = none). RSS moves by megabytes as the allocator returns memory, and pooled
# keep-alive connections to AWS come and go, so those compare highs with a tolerance; everything
# else (files, pipes, eventfds, threads, workers) must not grow at all. None = reported only.
TOLERANCES = {"main_rss_kb": RSS_TOLERANCE, "workers_rss_kb": RSS_TOLERANCE,
              "main_sockets": RSS_TOLERANCE, "main_other_fds": 0, "main_fds": None,
              "workers_fds": 0, "main_threads": 0, "workers_threads": 0, "workers": 0,
              "metrics_bytes": None}


def verdicts(samples, warmup):
    fig, failed = {}, []
    after = samples[warmup:]
    w = window(len(samples), warmup)
    warm, end = samples[warmup:warmup + w], samples[-w:]
    for key, tolerance in TOLERANCES.items():
        a, b = max(s[key] for s in warm), max(s[key] for s in end)
        fig[key] = {"warm_max": a, "end_max": b, "growth": b - a,
                    "growth_pct": 100 * (b - a) / a if a else None,
                    "warm_mean": sum(s[key] for s in warm) / len(warm),
                    "end_mean": sum(s[key] for s in end) / len(end),
                    "slope_per_100": slope_per_100([s[key] for s in after]),
                    "min": min(s[key] for s in after), "max": max(s[key] for s in after)}
        if tolerance is None:
            continue
        ok = b <= a * (1 + tolerance)
        fig[key]["verdict"] = "flat" if ok else "grows"
        if not ok:
            failed.append(key)
    return fig, failed, w


def scenario_soak(args, cfg, fake_cls, env_of, config_text, machine_load):
    iterations = args.iterations or cfg["iterations"]
    warmup = min(cfg["warmup"], max(0, iterations - 6))
    out = tempfile.mkdtemp(prefix="bench-soak-")
    fake = fake_cls(args.fakeaws, cfg["fake"])
    proc, samples, statuses, seen_workers = None, [], {}, set()
    started = time.monotonic()
    try:
        proc, url, db, log = start_sail(args, fake, cfg, env_of, config_text, out)
        base = sample(proc.pid)
        for i in range(1, iterations + 1):
            t0 = time.monotonic()
            code, _ = http(url + "/resync", method="POST", timeout=args.soak_resync_timeout)
            resync_s = time.monotonic() - t0
            (rid, status, message), runs = last_run(db)
            statuses[status] = statuses.get(status, 0) + 1
            time.sleep(args.interval)
            s = sample(proc.pid)
            seen_workers.update(s["worker_pids"])
            s.update({"iteration": i, "http": code, "status": status, "resync_s": resync_s,
                      "runs_in_catalog": runs, "load1": os.getloadavg()[0],
                      "metrics_bytes": len(http(url + "/metrics")[1])})
            samples.append(s)
            if proc.poll() is not None:
                raise SystemExit(f"ocean-aws sail exited ({proc.returncode}) at iteration {i}")
    finally:
        exit_code, survivors = (stop_sail(proc, sorted(seen_workers)) if proc else (None, []))
        fake.stop()
    wall = time.monotonic() - started
    fig, failed, w = verdicts(samples, warmup)
    db_mb = sum(os.path.getsize(db + suf) for suf in ("", "-wal") if os.path.exists(db + suf))
    fig.update({"iterations": iterations, "warmup": warmup, "window": w, "interval_s": args.interval,
                "wall_s": wall, "statuses": statuses, "start_sample": base,
                "worker_pids_seen": len(seen_workers), "exit_code": exit_code,
                "workers_outliving_sail": survivors, "catalog_mb": db_mb / 1e6,
                "mean_resync_s": sum(s["resync_s"] for s in samples) / len(samples),
                "mean_load1": sum(s["load1"] for s in samples) / len(samples),
                "samples": samples, "log": log.name,
                "verdict": "flat" if not failed and not survivors else
                "GROWS: " + ", ".join(failed) + (" workers outlive" if survivors else "")})
    def mb(key):
        m = fig[key]
        return (f'{m["warm_max"] / 1024:.1f} -> {m["end_max"] / 1024:.1f} MB '
                f'({m["slope_per_100"]:+,.0f} kB/100 it)')
    def n(key):
        m = fig[key]
        return f'{m["warm_max"]} -> {m["end_max"]} ({m["slope_per_100"]:+.1f}/100 it)'
    summary = (f'{iterations} resyncs ({fig["mean_resync_s"]:.1f} s each, then {args.interval:g} s '
               f'idle; {statuses}), highs of iterations {warmup + 1}-{warmup + w} vs the last {w}: '
               f'**{fig["verdict"]}** (tolerance: RSS and sockets +10 %, other fds, threads, '
               f'workers +0). Main: RSS {mb("main_rss_kb")}, sockets {n("main_sockets")}, other '
               f'fds {n("main_other_fds")}, threads {n("main_threads")}. Workers: '
               f'{n("workers")} ({fig["worker_pids_seen"]} pids seen), RSS sum '
               f'{mb("workers_rss_kb")}, fds {n("workers_fds")}. /metrics '
               f'{fig["metrics_bytes"]["end_max"]} B; SIGTERM: exit {exit_code}, '
               f'{len(survivors)} workers left; mean load {fig["mean_load1"]:.1f}{machine_load}')
    return fig, [], summary
