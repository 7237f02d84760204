#!/usr/bin/env python3
"""Cold start (issue 13.5): how long after exec ocean-aws sends its first AWS request, and how
long `ocean-aws kinds` takes.

  scripts/bench_cold_start.py [--ocean-aws build/ocean-aws] [--runs 15] [--no-append]

--ocean-aws may be relative (to the current directory) or a name in PATH.

First request: a loopback TCP listener stands in for AWS (AWS_ENDPOINT_URL); `ocean-aws resync`
with the default mappings is started and the time from just before exec to the first byte of
its first request is taken; the process is then killed (it never gets an answer). `kinds`: the
wall time of `ocean-aws kinds` to its exit. Both are medians (and minima) over --runs runs; the
machine's load is in the row (wall times on a shared machine are pessimistic), with the CPU
time (user + sys from wait4) of both, which the load barely changes. Appends a row to
bench/RESULTS.md and writes bench/out/cold_start.json. Targets: < 100 ms and < 50 ms.
"""
import argparse
import datetime
import json
import os
import signal
import socket
import statistics
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from bench_scenarios import machine, port_app_config  # noqa: E402


def first_request_s(binary, workdir):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    port = srv.getsockname()[1]
    first = [None]

    def accept():
        srv.settimeout(10)
        try:
            conn, _ = srv.accept()
            conn.settimeout(10)
            if conn.recv(1):
                first[0] = time.monotonic()
            conn.close()
        except OSError:
            pass

    t = threading.Thread(target=accept)
    t.start()
    config = os.path.join(workdir, "port-app-config.yml")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "OCEAN__", "PORT_"))}
    env.update({"AWS_ACCESS_KEY_ID": "AKIDCOLDSTART0000000", "AWS_SECRET_ACCESS_KEY": "s",
                "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
                "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}", "OCEAN__LOG_LEVEL": "warn"})
    cmd = [binary, "resync", "--config-file", config, "--no-progress", "--sink", "sqlite",
           "--sqlite-path", os.path.join(workdir, "catalog.sqlite")]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            cwd=workdir)
    t.join()
    # os.kill, not proc.send_signal: that reaps a child which already exited (a binary that fails
    # at start), and wait4 below then had no child to wait for.
    os.kill(proc.pid, signal.SIGKILL)
    _, _, ru = os.wait4(proc.pid, 0)  # CPU until the kill: the start plus a little waiting
    proc.returncode = -signal.SIGKILL
    srv.close()
    return None if first[0] is None else (first[0] - start, ru.ru_utime + ru.ru_stime)


def kinds_s(binary):
    """(wall, CPU) seconds of `ocean-aws kinds`; CPU (user + sys, from wait4) barely depends on
    the machine's load, wall does."""
    start = time.monotonic()
    proc = subprocess.Popen([binary, "kinds"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"ocean-aws kinds exited {proc.returncode}")
    return wall, ru.ru_utime + ru.ru_stime


def resolve_binary(path):
    """The binary's absolute path: the resync runs from a temporary directory, where a relative
    path would name nothing. A bare name (no directory) is looked up in PATH as exec would."""
    if os.sep not in path:
        found = shutil.which(path)
        if found is None:
            sys.exit(f"--ocean-aws {path}: not found in PATH")
        path = found
    path = os.path.abspath(path)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        sys.exit(f"--ocean-aws {path}: not an executable file")
    return path


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ocean-aws", default=os.path.join(ROOT, "build", "ocean-aws"))
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("--no-append", action="store_true")
    args = p.parse_args()
    binary = resolve_binary(args.ocean_aws)
    work = tempfile.mkdtemp(prefix="bench-cold-")
    try:
        with open(os.path.join(work, "port-app-config.yml"), "w") as f:
            f.write(port_app_config())
        load = machine()
        first, first_cpu, kinds, kinds_cpu = [], [], [], []
        for _ in range(args.runs):
            v = first_request_s(binary, work)
            if v is not None:
                first.append(v[0])
                first_cpu.append(v[1])
            wall, cpu = kinds_s(binary)
            kinds.append(wall)
            kinds_cpu.append(cpu)
    finally:  # also when a run fails (kinds_s exits, an exception, Ctrl-C)
        shutil.rmtree(work, ignore_errors=True)
    if not first:
        sys.exit("no request reached the listener")
    fig = {"first_request_ms_median": 1000 * statistics.median(first),
           "first_request_ms_min": 1000 * min(first),
           "first_request_cpu_ms_median": 1000 * statistics.median(first_cpu),
           "kinds_ms_median": 1000 * statistics.median(kinds), "kinds_ms_min": 1000 * min(kinds),
           "kinds_cpu_ms_median": 1000 * statistics.median(kinds_cpu), "runs": args.runs}
    verdict = lambda v, t: "met" if v < t else f"missed by {v / t:.2f}x"
    summary = (f'exec -> first AWS request {fig["first_request_ms_median"]:.1f} ms median, '
               f'{fig["first_request_ms_min"]:.1f} min (target 100: '
               f'{verdict(fig["first_request_ms_median"], 100)}), {fig["first_request_cpu_ms_median"]:.1f} ms '
               f'CPU median (to the kill just after it); `ocean-aws kinds` '
               f'{fig["kinds_ms_median"]:.1f} ms median, {fig["kinds_ms_min"]:.1f} min (target 50: '
               f'{verdict(fig["kinds_ms_median"], 50)}), {fig["kinds_cpu_ms_median"]:.1f} ms CPU median; '
               f'{args.runs} runs each')
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    os.makedirs(os.path.join(ROOT, "bench", "out"), exist_ok=True)
    with open(os.path.join(ROOT, "bench", "out", "cold_start.json"), "w") as f:
        json.dump({"commit": commit, "machine": load, "figures": fig, "summary": summary}, f, indent=2)
    row = f"| {datetime.date.today()} | {commit} | {load} | cold start | {summary} |"
    print(row)
    if not args.no_append:
        with open(os.path.join(ROOT, "bench", "RESULTS.md"), "a") as f:
            f.write(row + "\n")


if __name__ == "__main__":
    main()
