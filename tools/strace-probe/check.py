#!/usr/bin/env python3
"""Check syscalls.spec against the strace installed on this machine.

Builds probe.c, runs it under strace for every header syscall of both ABIs
(x86_64 directly, i386 through int $0x80) and compares with what
tools/gen-syscalls.py would generate:

  * the name strace prints for each number,
  * the members of each class (-e trace=%CLASS),
  * the number of arguments printed (the most over a few argument values),
  * on x86_64, the form of numeric and pointer arguments (how 0 and -1 print).

Needs gcc and strace. Exit status 0 when everything matches.
usage: python3 tools/strace-probe/check.py [-v]
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOOLS = os.path.dirname(HERE)

VALUES = ["0", "1", "0x7fff1234", "-1"]
CLASSES = ["%file", "%process", "%net", "%signal", "%ipc", "%desc", "%memory", "%creds", "%clock",
           "%stat", "%lstat", "%fstat", "%%stat", "%statfs", "%fstatfs", "%%statfs", "%pure"]

# exit_group would end the x86_64 probe; it cannot be probed there.
UNPROBED = {"x86_64": {"exit_group"}}

# Syscalls whose printed argument count depends on values the probe does not pass.
VARIABLE_COUNT = {
    "restart_syscall",  # prints <... resuming interrupted NAME ...>
    "mknod", "mknodat",  # the device only for S_IFCHR/S_IFBLK
    "reboot",  # the string only for LINUX_REBOOT_CMD_RESTART2
}

# Syscalls whose spec uses generic kinds where strace decodes more (see the top of syscalls.spec),
# and clone, whose printed order differs from its registers: form differences are not failures.
KNOWN_FORM_GAPS = set("""
    clone reboot swapon delete_module finit_module quotactl quotactl_fd mbind set_mempolicy get_mempolicy
    move_pages kexec_load kexec_file_load add_key request_key kcmp perf_event_open pkey_alloc fanotify_mark
    io_uring_enter io_uring_register open_tree move_mount fsopen fsconfig fsmount fspick
    landlock_create_ruleset landlock_add_rule
""".split())

# How strace prints 0 and -1 (all 64 bits set) for kinds with a fixed form; None: not checked.
NUMERIC_FORMS = {
    "Int": ("0", "-1"), "Long": ("0", "-1"), "Fd": ("0", "-1"), "AtDirFd": ("0", "-1"),
    "Pid": ("0", "-1"), "Uid": ("0", "-1"), "Gid": ("0", "-1"), "Signal": ("0", "-1"),
    "UInt": ("0", "4294967295"), "ULong": ("0", "18446744073709551615"),
    "Size": ("0", "18446744073709551615"), "Hex": ("0", "0xffffffffffffffff"),
    "UIntHex": ("0", "0xffffffff"), "Mode": ("000", "0177777"), "Umask": ("000", "0177777"),
    "Offset64": ("0", "-1"), "UInt64": ("0", "18446744073709551615"),
}
# Kinds that take a pointer: 0 prints as NULL.
POINTER_KINDS = set("""
    Pointer Path PathOut String WriteBuffer ReadBuffer IovecIn IovecOut SigsetIn SigsetOut SigactionIn
    SigactionOut RlimitIn RlimitOut SockaddrIn SockaddrOut SocklenPtr IntPairOut IntPtrOut PollFds MsghdrIn
    MsghdrOut EpollEvent TimespecIn TimespecOut TimevalIn TimevalOut TimezoneOut ItimervalIn ItimervalOut
    ItimerspecIn ItimerspecOut StatOut StatfsOut StatxOut UtsnameOut RusageOut TmsOut SysinfoOut
    WaitStatusOut SiginfoIn SiginfoOut DirentsOut OldDirentsOut StringArray EnvArray TimespecPairIn
    TimevalPairIn SchedParamIn SchedParamOut CpuSetIn CpuSetOut UserCapHeader UserCapData RobustListHead
    CloneArgs OpenHow FdSetInOut Sysctl SigaltstackIn SigaltstackOut SocketOptionValue SocketOptionValueOut
    HexPtrOut SizePtrOut UIntPtrOut UidPtrOut OffsetPtrInOut Offset64PtrIn Offset64PtrOut TimeOut
    GidArrayIn GidArrayOut MincoreVecOut SembufIn MsgbufIn MsgbufOut ShmidDs MsqidDs UserCapDataOut
    UtimbufIn UstatOut UserDesc Timex TimezoneIn SigeventIn TimerIdOut EpollEventsOut MqAttrIn MqAttrOut
    SigsetPackIn MmsghdrIn MmsghdrOut RemoteIovec SchedAttrIn SchedAttrOut RlimitLongIn RlimitLongOut
    MountData SemctlArg
""".split())


def load_generator():
    spec = importlib.util.spec_from_file_location("gen_syscalls", os.path.join(TOOLS, "gen-syscalls.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def expected_tables(gen):
    with open(gen.ARGKIND_FILE, encoding="utf-8") as f:
        source = f.read()
    spec = gen.parse_spec(gen.DEFAULT_SPEC, gen.read_enum(source, "ArgKind"), gen.read_enum(source, "ReturnKind"))
    tables = {}
    for abi, header, _, _ in gen.ABIS:
        numbers = gen.read_header(os.path.join(gen.DEFAULT_HEADERS, header))
        tables[abi] = {n: (name, gen.resolve(abi, name, spec)) for n, name in numbers.items()}
    return tables


def build_probe(work):
    exe = os.path.join(work, "probe")
    subprocess.run(["gcc", "-O1", "-o", exe, os.path.join(HERE, "probe.c")], check=True)
    return exe


def run(exe, work, abi, numbers, value, expr=None):
    """The probe's lines under strace, one per probed call, in order."""
    out = os.path.join(work, "out")
    shutil.rmtree(out, ignore_errors=True)
    os.mkdir(out)
    cmd = ["strace", "-ff", "-o", os.path.join(out, "t")]
    if expr:
        cmd += ["-e", "trace=" + expr]
    cmd += [exe, "64" if abi == "x86_64" else "32", value] + [str(n) for n in numbers]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    files = sorted(os.listdir(out), key=lambda f: int(f.split(".")[-1]))
    with open(os.path.join(out, files[-1]), encoding="utf-8", errors="replace") as f:
        return [line for line in f.read().splitlines() if line.endswith("(Function not implemented)")]


def printed_args(line):
    """The top-level arguments of a strace line."""
    depth, args, cur, quoted = 0, [], "", False
    i = line.index("(") + 1
    while i < len(line):
        c = line[i]
        if quoted:
            if c == "\\":
                cur += c
                i += 1
                c = line[i]
            elif c == '"':
                quoted = False
        elif c == '"':
            quoted = True
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif c == "," and depth == 0:
            args.append(cur.strip())
            cur = ""
            i += 1
            continue
        cur += c
        i += 1
    if cur.strip():
        args.append(cur.strip())
    return args


def form_problems(abi, entry, value, args):
    """Arguments whose printed form does not fit their kind."""
    problems = []
    kinds = [k for k in entry.args if k != "Skipped"]
    for kind, text in zip(kinds, args):
        want = None
        if kind in NUMERIC_FORMS:
            want = NUMERIC_FORMS[kind][0 if value == "0" else 1]
        elif kind in POINTER_KINDS and value == "0":
            want = "NULL"
        if want is not None and text != want:
            problems.append(f"{abi} {entry.name}: {kind} printed as {text!r} for {value}, expected {want!r}")
    return problems


def name_of(line):
    return line[:line.index("(")]


def printed_count(entry):
    return sum(1 for k in entry.args if k != "Skipped")


def check_abi(exe, work, abi, table, verbose):
    problems = []
    numbers = [n for n in sorted(table) if table[n][0] not in UNPROBED.get(abi, set())]
    counts = {n: 0 for n in numbers}
    for value in VALUES:
        lines = run(exe, work, abi, numbers, value)
        if len(lines) != len(numbers):
            return [f"{abi}: {len(lines)} lines for {len(numbers)} calls with value {value}"]
        for n, line in zip(numbers, lines):
            if value == "0" and name_of(line) != table[n][0]:
                problems.append(f"{abi} {n}: header {table[n][0]}, strace prints {name_of(line)}")
            args = printed_args(line)
            counts[n] = max(counts[n], len(args))
            if abi == "x86_64" and value in ("0", "-1") and table[n][1]:
                found = form_problems(abi, table[n][1], value, args)
                if table[n][0] in KNOWN_FORM_GAPS:
                    if verbose:
                        print("\n".join("known: " + p for p in found))
                else:
                    problems += found
    for n in numbers:
        name, entry = table[n]
        want = printed_count(entry) if entry else 6
        if counts[n] != want and name not in VARIABLE_COUNT:
            problems.append(f"{abi} {name}: strace printed up to {counts[n]} arguments, spec has {want}")
    problems += check_classes(exe, work, abi, table, numbers, verbose)
    return problems


def check_classes(exe, work, abi, table, numbers, verbose):
    problems = []
    probed = {table[n][0] for n in numbers}
    for cls in CLASSES:
        # strace traces numbers it has no name for under every class; those are not ours to check.
        got = {name_of(line) for line in run(exe, work, abi, numbers, "0", cls)} & probed
        want = {name for name, entry in table.values() if entry and cls in entry.classes} & probed
        for name in sorted(got - want):
            problems.append(f"{abi} {name}: strace has it in {cls}, spec does not")
        for name in sorted(want - got):
            problems.append(f"{abi} {name}: spec has it in {cls}, strace does not")
        if verbose:
            print(f"{abi} {cls}: {len(got)} syscalls")
    return problems


def main(argv):
    verbose = "-v" in argv
    gen = load_generator()
    tables = expected_tables(gen)
    with tempfile.TemporaryDirectory(prefix="strace-probe-") as work:
        exe = build_probe(work)
        problems = []
        for abi, table in tables.items():
            problems += check_abi(exe, work, abi, table, verbose)
    for p in problems:
        print(p)
    print(f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
