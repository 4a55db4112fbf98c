#!/usr/bin/env python3
"""Snapshot/restore benchmark: cold run-to-exit vs `ptracer restore` run-to-exit, measured side by side.

Builds tests/tracees/snap-table.c (start-up: ~200 ms building a table of Collatz chain lengths, then it answers
queries from stdin) dynamically linked and -static, publishes ptracer with NativeAOT (unless --ptracer is given),
takes one snapshot of each, then alternates cold and restored runs (same stdin) and prints medians, the ratio, the
snapshot size, and whether every restored run printed exactly what the cold run printed.

usage: bench/snapshot.py [--runs N] [--ptracer PATH]
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUERY = b"27\n97\n2999999\n"


def publish(out):
    subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src/Ptracer.Cli"), "-c", "Release", "-o", out],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(out, "ptracer")


def run(argv):
    start = time.perf_counter()
    r = subprocess.run(argv, input=QUERY, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return time.perf_counter() - start, r


def size_kib(directory):
    return sum(os.path.getsize(os.path.join(directory, f)) for f in os.listdir(directory)) // 1024


def bench(ptracer, program, label, runs, work):
    snap = os.path.join(work, f"snap-{label}")
    start = time.perf_counter()
    r = subprocess.run([ptracer, "snapshot", "-o", snap, "--", program], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit(f"snapshot of {label} failed: {r.stderr.strip()}")
    cold_t, restore_t, same = [], [], True
    for _ in range(runs):
        t, cold = run([program])
        cold_t.append(t)
        t, restored = run([ptracer, "restore", snap])
        restore_t.append(t)
        same &= (restored.stdout, restored.returncode) == (cold.stdout, cold.returncode) and restored.stderr == b""
    cold_m, restore_m = statistics.median(cold_t), statistics.median(restore_t)
    print(f"{label:8} cold {cold_m * 1000:7.1f} ms   restore {restore_m * 1000:6.1f} ms   "
          f"restore/cold {restore_m / cold_m:5.1%}   snapshot {size_kib(snap)} KiB (taken in {took * 1000:.0f} ms)   "
          f"output identical in {runs}/{runs}: {same}")
    print(f"{'':8} ({r.stderr.strip()})")
    return same


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--ptracer")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="ptracer-snapbench-")
    try:
        ptracer = args.ptracer or publish(os.path.join(work, "dist"))
        source = os.path.join(ROOT, "tests/tracees/snap-table.c")
        dynamic, static = os.path.join(work, "snap-table"), os.path.join(work, "snap-table-static")
        subprocess.run(["gcc", "-O1", "-o", dynamic, source], check=True)
        subprocess.run(["gcc", "-O1", "-static", "-o", static, source], check=True)
        print(f"median of {args.runs} runs each, alternating; stdin {QUERY!r}")
        ok = bench(ptracer, dynamic, "dynamic", args.runs, work)
        ok &= bench(ptracer, static, "static", args.runs, work)
        sys.exit(0 if ok else 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
