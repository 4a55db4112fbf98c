#!/usr/bin/env python3
"""End-to-end benchmark: native vs strace vs ptracer, measured side by side in one run.

Builds ptracer with NativeAOT, then for each workload runs the variants in alternation (native, strace,
ptracer, native, strace, ...) so that machine noise hits them alike, and prints medians and ratios.
Workloads:
  dd     dd if=/dev/zero of=/dev/null bs=1 count=20000          (syscall-bound)
  exec   sh -c 'for i in $(seq 300); do /bin/true; done'        (exec-bound)
  build  make -j2 compiling 20 small C files                    (build-like)
each traced fully (-f -o FILE) and with -f -e trace=execve (strace --seccomp-bpf; ptracer's default).
Also: start-up on /bin/true (-o /dev/null) and the tracers' peak RSS on dd.

usage: bench/run.py [--runs N] [--only dd,exec,build,startup] [--ptracer PATH] [--no-build]
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def publish(out):
    subprocess.run(["dotnet", "publish", os.path.join(ROOT, "src/Ptracer.Cli"), "-c", "Release", "-o", out],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(out, "ptracer")


def make_build_tree(root):
    os.makedirs(root, exist_ok=True)
    objs = []
    for i in range(20):
        with open(os.path.join(root, f"f{i}.c"), "w") as f:
            f.write(f"#include <stdio.h>\nint f{i}(int x) {{ int s = 0; for (int j = 0; j < x; j++) s += j * {i}; return s; }}\n")
        objs.append(f"f{i}.o")
    with open(os.path.join(root, "Makefile"), "w") as f:
        f.write("all: " + " ".join(objs) + "\n%.o: %.c\n\tgcc -O1 -c $< -o $@\nclean:\n\trm -f *.o\n")
    return root


def run_once(argv, cwd=None):
    """Wall time of one run."""
    start = time.perf_counter()
    r = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with {r.returncode}")
    return wall


def peak_rss_kib(argv):
    """Peak RSS of argv[0] itself, from GNU time's %M (the tracer, not its tracees)."""
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(r.stderr.strip().splitlines()[-1])


def measure(variants, runs, prepare=None):
    """variants: list of (name, argv, cwd). Alternates them `runs` times; returns name -> median seconds."""
    times = {name: [] for name, _, _ in variants}
    for _ in range(runs):
        for name, argv, cwd in variants:
            if prepare:
                prepare()
            times[name].append(run_once(argv, cwd))
    return {name: statistics.median(t) for name, t in times.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--only", default="dd,exec,build,startup")
    ap.add_argument("--ptracer")
    ap.add_argument("--no-build", action="store_true")
    a = ap.parse_args()
    only = set(a.only.split(","))
    work = tempfile.mkdtemp(prefix="ptracer-bench-")
    ptracer = a.ptracer or (os.path.join(ROOT, "dist", "ptracer") if a.no_build else publish(os.path.join(work, "dist")))
    strace = shutil.which("strace")
    log = os.path.join(work, "trace.log")
    print(f"ptracer: {ptracer}\nstrace: {strace}\nruns per variant: {a.runs} (medians; variants alternate)")

    workloads = {
        "dd": (["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=20000"], None, None),
        "exec": (["sh", "-c", "for i in $(seq 300); do /bin/true; done"], None, None),
    }
    if "build" in only:
        tree = make_build_tree(os.path.join(work, "build"))
        clean = lambda: subprocess.run(["make", "-s", "clean"], cwd=tree, stdout=subprocess.DEVNULL)
        workloads["build"] = (["make", "-s", "-j2"], tree, clean)

    for name, (cmd, cwd, prepare) in workloads.items():
        if name not in only:
            continue
        variants = [
            ("native", cmd, cwd),
            ("strace:-f -o FILE", [strace, "-f", "-o", log] + cmd, cwd),
            ("ptracer:-f -o FILE", [ptracer, "trace", "-f", "-o", log] + cmd, cwd),
            ("strace:-f -e trace=execve (seccomp)", [strace, "--seccomp-bpf", "-f", "-e", "trace=execve", "-o", log] + cmd, cwd),
            ("ptracer:-f -e trace=execve (seccomp)", [ptracer, "trace", "-f", "-e", "trace=execve", "-o", log] + cmd, cwd),
        ]
        medians = measure(variants, a.runs, prepare)
        print(f"\n[{name}] {' '.join(cmd)}")
        print(f"  {'variant':<38} {'median s':>9} {'x native':>9} {'x strace':>9}")
        for vname, m in medians.items():
            peer = vname.replace("ptracer:", "strace:") if vname.startswith("ptracer:") else None
            print(f"  {vname:<38} {m:>9.4f} {m / medians['native']:>9.2f} "
                  f"{(m / medians[peer]) if peer else float('nan'):>9.2f}")

    if "startup" in only:
        variants = [
            ("native", ["/bin/true"], None),
            ("strace:-o /dev/null", [strace, "-o", "/dev/null", "/bin/true"], None),
            ("ptracer:-o /dev/null", [ptracer, "trace", "-o", "/dev/null", "/bin/true"], None),
        ]
        medians = measure(variants, max(a.runs, 21))
        print("\n[startup] /bin/true")
        for vname, m in medians.items():
            peer = "strace:-o /dev/null" if vname.startswith("ptracer") else None
            print(f"  {vname:<38} {m * 1000:>8.2f} ms {(m / medians[peer]) if peer else float('nan'):>9.2f} x strace")

    dd = ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=20000"]
    rss_p = statistics.median(peak_rss_kib([ptracer, "trace", "-f", "-o", log] + dd) for _ in range(3))
    rss_s = statistics.median(peak_rss_kib([strace, "-f", "-o", log] + dd) for _ in range(3))
    print(f"\n[peak RSS of the tracer on dd] ptracer {rss_p / 1024:.1f} MiB, strace {rss_s / 1024:.1f} MiB")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
