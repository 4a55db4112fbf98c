#!/usr/bin/env python3
"""Exec interception benchmark: per-exec overhead of a proxied /bin/true, exec-bound and syscall-bound ratios.

Publishes ptracer and ptracer-shim with NativeAOT into one folder (or takes --dist), starts `ptracer broker` (local
runner) on a socket in a temporary directory, then alternates the variants run after run and prints medians:
  proxied   exec-proxy --local sh --local seq -- sh -c 'for i in $(seq N); do /bin/true; done'  (true goes to the broker)
  local     the same loop under exec-proxy with /bin/true local (only the seccomp exec stop)
  bare      the same loop without exec-proxy
  dd        dd if=/dev/zero of=/dev/null bs=1 count=1000000, bare and under exec-proxy (nothing but execs stops)
Per-exec overhead = (proxied - bare) / N: everything the shim and the broker add to one exec, exec-proxy's own
start-up spread over the N execs. Wall times suffer from a loaded machine, so CPU time (user+system of the run's
whole tree plus the broker's) is reported too: on a machine with idle cores the added wall time is about the added CPU.

usage: bench/execproxy.py [--runs N] [--execs N] [--dist DIR]
"""
import argparse, os, resource, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def publish(out):
    for project in ("src/Ptracer.Cli", "src/Ptracer.Shim"):
        subprocess.run(["dotnet", "publish", os.path.join(ROOT, project), "-c", "Release", "-o", out],
                       check=True, stdout=subprocess.DEVNULL)
    return out


def cpu_of(pid):
    """utime+stime of a live process, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_once(argv, broker_pid):
    """(wall, cpu) of one run; cpu is the run's tree plus what the broker spent meanwhile."""
    r0, b0 = resource.getrusage(resource.RUSAGE_CHILDREN), cpu_of(broker_pid)
    start = time.perf_counter()
    r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    r1, b1 = resource.getrusage(resource.RUSAGE_CHILDREN), cpu_of(broker_pid)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {r.returncode}: {r.stderr.decode()[-500:]}")
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime) + (b1 - b0)


def measure(variants, runs, broker_pid):
    times = {name: [] for name in variants}
    for _ in range(runs):
        for name, argv in variants.items():
            times[name].append(run_once(argv, broker_pid))
    return ({name: statistics.median(w for w, _ in t) for name, t in times.items()},
            {name: statistics.median(c for _, c in t) for name, t in times.items()})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--execs", type=int, default=200)
    ap.add_argument("--dist")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="ptracer-execproxy-bench-")
    dist = a.dist or publish(os.path.join(work, "dist"))
    ptracer = os.path.join(dist, "ptracer")
    sock = os.path.join(work, "broker.sock")
    broker = subprocess.Popen([ptracer, "broker", "--socket", sock], stdout=subprocess.PIPE, text=True)
    try:
        if "listening" not in broker.stdout.readline():
            sys.exit("the broker did not start")
        proxy = [ptracer, "exec-proxy", "--broker", sock, "--local", "sh", "--local", "seq"]
        loop = ["sh", "-c", f"for i in $(seq {a.execs}); do /bin/true; done"]
        dd = ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=1000000", "status=none"]
        print(f"ptracer: {ptracer}\nruns per variant: {a.runs} (medians; variants alternate); execs per loop: {a.execs}")
        m, cpu = measure({
            "bare": loop,
            "local": proxy + ["--local", "/bin/true", "--"] + loop,
            "proxied": proxy + ["--"] + loop,
            "dd bare": dd,
            "dd proxy": proxy + ["--local", "dd", "--"] + dd,
        }, a.runs, broker.pid)
        print(f"{'':10} {'wall':>9}    {'cpu':>9}")
        for name in m:
            print(f"{name:10} {m[name] * 1000:9.1f} ms {cpu[name] * 1000:9.1f} ms")
        for label, t in (("wall", m), ("cpu", cpu)):
            print(f"per-exec overhead ({label}), proxied vs bare:       {(t['proxied'] - t['bare']) / a.execs * 1000:.2f} ms")
            print(f"per-exec overhead ({label}), proxied vs local exec: {(t['proxied'] - t['local']) / a.execs * 1000:.2f} ms")
            print(f"exec-bound loop, local execs under exec-proxy vs bare ({label}): {t['local'] / t['bare']:.2f}x")
            print(f"syscall-bound dd under exec-proxy vs bare ({label}): {t['dd proxy'] / t['dd bare']:.3f}x")
    finally:
        broker.terminate()
        broker.wait()


if __name__ == "__main__":
    main()
