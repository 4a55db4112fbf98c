#!/usr/bin/env python3
"""Sandbox start-to-exit overhead: `ptracer run` on /bin/true vs /bin/true bare, and where the time goes.

Alternates the variants run after run and prints wall and CPU medians (CPU: user+system of the whole run, which a
loaded machine does not inflate as it does wall time):
  bare            /bin/true
  version         ptracer --version                   (NativeAOT start-up and exit of the ptracer binary alone)
  none            ptracer run --policy none -- /bin/true
  judge           ptracer run --policy judge -- /bin/true
  judge+limits    ptracer run --policy judge --time-limit 1s --memory-limit 256M --output-limit 64M -- /bin/true

usage: bench/sandbox.py [--runs N] [--ptracer PATH]
"""
import argparse, os, resource, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_once(argv):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {r.returncode}: {r.stderr.decode()[-300:]}")
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--ptracer")
    a = ap.parse_args()
    ptracer = a.ptracer
    if ptracer is None:
        out = os.path.join(tempfile.mkdtemp(prefix="ptracer-sandbox-bench-"), "dist")
        subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src/Ptracer.Cli"), "-c", "Release", "-o", out],
                       check=True, stdout=subprocess.DEVNULL)
        ptracer = os.path.join(out, "ptracer")
    run = [ptracer, "run", "--quiet"]
    variants = {
        "bare": ["/bin/true"],
        "version": [ptracer, "--version"],
        "none": run + ["--policy", "none", "--", "/bin/true"],
        "judge": run + ["--policy", "judge", "--", "/bin/true"],
        "judge+limits": run + ["--policy", "judge", "--time-limit", "1s", "--memory-limit", "256M", "--output-limit", "64M",
                               "--", "/bin/true"],
    }
    samples = {name: [] for name in variants}
    for _ in range(a.runs):
        for name, argv in variants.items():
            samples[name].append(run_once(argv))
    print(f"ptracer: {ptracer}\nruns per variant: {a.runs} (medians; variants alternate)")
    print(f"{'':14} {'wall':>9}    {'cpu':>9}    {'wall added':>10}  {'cpu added':>9}")
    bare_wall = statistics.median(w for w, _ in samples["bare"])
    bare_cpu = statistics.median(c for _, c in samples["bare"])
    for name, s in samples.items():
        wall = statistics.median(w for w, _ in s)
        cpu = statistics.median(c for _, c in s)
        print(f"{name:14} {wall * 1000:9.2f} ms {cpu * 1000:9.2f} ms {(wall - bare_wall) * 1000:10.2f} ms {(cpu - bare_cpu) * 1000:9.2f} ms")


if __name__ == "__main__":
    main()
