#!/usr/bin/env python3
"""CPU of the same export done at once and spread over time (docs/BENCHMARKS.md, "Paced kinds").

For each kind: `ocean-aws export --kind K` against tools/fakeaws holding 1,000 resources, with
the fake answering at once and after --latency-ms; CPU net of an empty run, min of --reps.
A kind paced by AWS's published limits (Kinesis, ECS) spreads its requests over time whatever
the fake's latency; SQS with latency shows what spreading alone costs.
Usage: scripts/bench_spread.py --ocean-aws build/ocean-aws --fakeaws build/ocean-aws-fakeaws
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_scenarios as b  # noqa: E402  (FakeAws, exporter_env, wait_rusage)


def one_export(args, kind, n, latency_ms):
    fake = b.FakeAws(args.fakeaws, [
        "--accounts", "1", "--regions", "us-east-1", "--ec2-instances", "0", "--sqs-queues", str(n),
        "--ecs-clusters", "0", "--s3-buckets", "0", "--kind-resources", str(n),
        "--latency-ms", str(latency_ms)])
    try:
        env = b.exporter_env(fake, {"discovery": "single"}, {})
        start = time.monotonic()
        proc = subprocess.Popen([args.ocean_aws, "export", "--kind", kind, "--endpoint-url",
                                 fake.url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env)
        rc, cpu, _ = b.wait_rusage(proc)
        return rc, cpu, time.monotonic() - start
    finally:
        fake.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--ocean-aws", required=True)
    p.add_argument("--fakeaws", required=True)
    p.add_argument("--kind", dest="kinds", action="append")
    p.add_argument("--latency-ms", type=float, default=400)
    p.add_argument("--reps", type=int, default=3)
    args = p.parse_args()
    kinds = args.kinds or ["AWS::SQS::Queue", "AWS::Kinesis::Stream", "AWS::ECS::TaskDefinition"]
    print(f"load {os.getloadavg()[0]:.2f}")
    for kind in kinds:
        for latency in (0, args.latency_ms):
            full = [one_export(args, kind, 1000, latency) for _ in range(args.reps)]
            empty = [one_export(args, kind, 0, latency) for _ in range(args.reps)]
            if any(r[0] != 0 for r in full + empty):
                raise SystemExit(f"{kind}: an export failed: {[r[0] for r in full + empty]}")
            net = min(r[1] for r in full) - min(r[1] for r in empty)
            print(f"{kind} latency {latency:.0f} ms: net cpu {1000 * net:.0f} ms, "
                  f"wall {min(r[2] for r in full):.1f} s", flush=True)


if __name__ == "__main__":
    main()
