#!/usr/bin/env python3
"""Generate Ptracer's syscall tables from the kernel headers and syscalls.spec.

Reads asm/unistd_64.h and asm/unistd_32.h for names and numbers, and
src/Ptracer/Syscalls/syscalls.spec for what strace 6.1 prints for each syscall
(argument kinds, return kind, classes). Writes SyscallTable.X86_64.g.cs and
SyscallTable.I386.g.cs. The format of the spec is described at its top.

Usage: python3 tools/gen-syscalls.py [--out-dir DIR] [--headers DIR] [--spec FILE]
"""

import argparse
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYSCALLS_DIR = os.path.join(REPO, "src", "Ptracer", "Syscalls")
DEFAULT_SPEC = os.path.join(SYSCALLS_DIR, "syscalls.spec")
ARGKIND_FILE = os.path.join(SYSCALLS_DIR, "ArgKind.cs")
DEFAULT_HEADERS = "/usr/include/x86_64-linux-gnu/asm"

# (ABI name in the spec, header file, generated file, prefix of the generated members)
ABIS = [
    ("x86_64", "unistd_64.h", "SyscallTable.X86_64.g.cs", "X86_64"),
    ("i386", "unistd_32.h", "SyscallTable.I386.g.cs", "I386"),
]

# i386 socketcall(2) subcalls (linux/net.h SYS_SOCKET..SYS_SENDMMSG). strace 6.1 decodes socketcall(call, args)
# as the call it stands for, with its arguments read from the array, and names and filters it as that call. Like
# strace, the table gives each subcall a number of its own past the kernel's (SYS_socket_subcall + call): the
# renderer maps socketcall to it. A subcall that the i386 header also has as a syscall takes that syscall's line;
# accept, send and recv exist only as subcalls and have "subcall:" lines in the spec.
SOCKET_SUBCALL_BASE = 500
SOCKET_SUBCALLS = {
    1: "socket", 2: "bind", 3: "connect", 4: "listen", 5: "accept", 6: "getsockname", 7: "getpeername",
    8: "socketpair", 9: "send", 10: "recv", 11: "sendto", 12: "recvfrom", 13: "shutdown", 14: "setsockopt",
    15: "getsockopt", 16: "sendmsg", 17: "recvmsg", 18: "accept4", 19: "recvmmsg", 20: "sendmmsg",
}

# i386 ipc(2) subcalls (linux/ipc.h SEMOP..SHMCTL) that strace decodes as the call they stand for; numbered the
# same way from IPC_SUBCALL_BASE. The renderer puts ipc's arguments in the direct syscall's order (SocketSubcalls).
IPC_SUBCALL_BASE = 530
IPC_SUBCALLS = {
    1: "semop", 2: "semget", 3: "semctl", 4: "semtimedop", 11: "msgsnd", 13: "msgget", 14: "msgctl",
    21: "shmat", 22: "shmdt", 23: "shmget", 24: "shmctl",
}

CLASSES = {
    "%file": "File",
    "%process": "Process",
    "%net": "Network",
    "%network": "Network",
    "%signal": "Signal",
    "%ipc": "Ipc",
    "%desc": "Desc",
    "%memory": "Memory",
    "%creds": "Creds",
    "%clock": "Clock",
    "%stat": "Stat",
    "%lstat": "LStat",
    "%fstat": "FStat",
    "%%stat": "StatLike",
    "%statfs": "StatFs",
    "%fstatfs": "FStatFs",
    "%%statfs": "StatFsLike",
    "%pure": "Pure",
    "%seccomp_default": "SeccompDefault",
}

# What a header syscall without a spec line gets: strace's printargs shape.
DEFAULT_ARGS = ["Hex"] * 6
DEFAULT_RETURN = "Decimal"

LINE_RE = re.compile(r"^(?:(?P<abi>[\w]+):\s*)?(?P<name>\w+)\((?P<args>[^)]*)\)\s+(?P<ret>\w+)(?P<classes>(?:\s+%\S+)*)$")


class SpecError(Exception):
    pass


class Entry:
    def __init__(self, name, args, ret, classes, where):
        self.name = name
        self.args = args
        self.ret = ret
        self.classes = classes
        self.where = where


def read_enum(source, enum_name):
    """Member names of a C# enum declared in source."""
    source = re.sub(r"//.*", "", source)
    start = source.index("enum " + enum_name)
    body = source[source.index("{", start) + 1:source.index("}", start)]
    return {m.strip() for m in body.split(",") if m.strip()}


def read_header(path):
    numbers = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#define\s+__NR_(\w+)\s+(\d+)\s*$", line)
            if m:
                numbers[int(m.group(2))] = m.group(1)
    if not numbers:
        raise SpecError(f"{path}: no __NR_ definitions")
    return numbers


def parse_spec(path, arg_kinds, return_kinds):
    """Returns {abi or None: {name: Entry}}."""
    table = {None: {}}
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            text = raw.split("#", 1)[0].strip()
            if not text:
                continue
            where = f"{path}:{lineno}"
            entry, abi = parse_line(text, where, arg_kinds, return_kinds)
            bucket = table.setdefault(abi, {})
            if entry.name in bucket:
                raise SpecError(f"{where}: {entry.name} already defined at {bucket[entry.name].where}")
            bucket[entry.name] = entry
    return table


def parse_line(text, where, arg_kinds, return_kinds):
    m = LINE_RE.match(text)
    if not m:
        raise SpecError(f"{where}: cannot parse '{text}'")
    abi = m.group("abi")
    if abi is not None and abi not in {a[0] for a in ABIS} | {"subcall"}:
        raise SpecError(f"{where}: unknown ABI '{abi}'")
    args = [a.strip() for a in m.group("args").split(",") if a.strip()]
    for kind in args:
        if kind not in arg_kinds:
            raise SpecError(f"{where}: unknown ArgKind '{kind}'")
    if m.group("ret") not in return_kinds:
        raise SpecError(f"{where}: unknown ReturnKind '{m.group('ret')}'")
    classes = m.group("classes").split()
    for cls in classes:
        if cls not in CLASSES:
            raise SpecError(f"{where}: unknown class '{cls}'")
    return Entry(m.group("name"), args, m.group("ret"), classes, where), abi


def check_names(spec, headers):
    known = {abi: set(numbers.values()) for abi, numbers in headers.items()}
    known["subcall"] = set(SOCKET_SUBCALLS.values()) | set(IPC_SUBCALLS.values())
    for abi, bucket in spec.items():
        for name, entry in bucket.items():
            abis = [abi] if abi else list(known)
            if not any(name in known[a] for a in abis):
                raise SpecError(f"{entry.where}: {name} is not in the {abi or 'any'} header")


def resolve(abi, name, spec):
    return spec.get(abi, {}).get(name) or spec[None].get(name) or spec.get("subcall", {}).get(name)


def cs_entry(number, name, entry):
    if entry is None:
        args, ret, classes = DEFAULT_ARGS, DEFAULT_RETURN, []
    else:
        args, ret, classes = entry.args, entry.ret, entry.classes
    arg_list = "[" + ", ".join("ArgKind." + a for a in args) + "]"
    flags = sorted({CLASSES[c] for c in classes}, key=list(dict.fromkeys(CLASSES.values())).index)
    cls = " | ".join("SyscallClass." + f for f in flags) if flags else "SyscallClass.None"
    return f'        {number} => new("{name}", {number}, {arg_list}, ReturnKind.{ret}, {cls}),'


def render(abi, header_name, prefix, numbers, spec):
    pseudo = set()
    if abi == "i386":
        numbers = dict(numbers)
        for call, name in SOCKET_SUBCALLS.items():
            numbers[SOCKET_SUBCALL_BASE + call] = name
        for call, name in IPC_SUBCALLS.items():
            numbers[IPC_SUBCALL_BASE + call] = name
        pseudo = {SOCKET_SUBCALL_BASE + c for c in SOCKET_SUBCALLS} | {IPC_SUBCALL_BASE + c for c in IPC_SUBCALLS}
    size = max(numbers) + 1
    lines = [
        "// <auto-generated>",
        f"// Generated by tools/gen-syscalls.py from asm/{header_name} and src/Ptracer/Syscalls/syscalls.spec.",
        "// Do not edit: change the spec and run `python3 tools/gen-syscalls.py`.",
        "// </auto-generated>",
        "",
        "#nullable enable",
        "",
        "namespace Ptracer.Syscalls;",
        "",
        "public static partial class SyscallTable",
        "{",
        f"    private const int {prefix}Size = {size};",
        "",
        "    // One arm per number, run the first time that number is looked up (SyscallTableSet caches it): a start",
        "    // that looks up a dozen syscalls builds a dozen entries, not the whole table.",
        f"    private static SyscallDef? Create{prefix}Entry(int number) => number switch",
        "    {",
    ]
    for number in sorted(numbers):
        name = numbers[number]
        # A subcall's own "subcall:" line, where it has one, wins over the syscall of the same name.
        entry = spec.get("subcall", {}).get(name) if abi == "i386" and number in pseudo else None
        lines.append(cs_entry(number, name, entry or resolve(abi, name, spec)))
    lines += ["        _ => null,", "    };", ""]
    # The names alone, for lookups by name that should not build the entries they pass on the way.
    lines += [f"    private static string? {prefix}Name(int number) => number switch", "    {"]
    lines += [f'        {number} => "{numbers[number]}",' for number in sorted(numbers)]
    lines += ["        _ => null,", "    };", ""]
    # Numbers in ordinal order of their names, for a binary search by name; of two entries with one name (an i386
    # subcall and the syscall it is named after) the lower number, the syscall, is the one the name stands for.
    first = {}
    for number in sorted(numbers):
        first.setdefault(numbers[number], number)
    order = [first[n] for n in sorted(first, key=lambda n: n.encode())]
    rows = [", ".join(str(n) for n in order[i:i + 20]) for i in range(0, len(order), 20)]
    lines += [f"    private static ReadOnlySpan<short> {prefix}NameOrder() =>",
              "    [", *(f"        {r}," for r in rows), "    ];", "}", ""]
    return "\n".join(lines)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default=SYSCALLS_DIR)
    parser.add_argument("--headers", default=DEFAULT_HEADERS)
    parser.add_argument("--spec", default=DEFAULT_SPEC)
    opts = parser.parse_args(argv)

    with open(ARGKIND_FILE, encoding="utf-8") as f:
        source = f.read()
    arg_kinds = read_enum(source, "ArgKind")
    return_kinds = read_enum(source, "ReturnKind")
    try:
        headers = {abi: read_header(os.path.join(opts.headers, h)) for abi, h, _, _ in ABIS}
        spec = parse_spec(opts.spec, arg_kinds, return_kinds)
        check_names(spec, headers)
    except (SpecError, OSError) as e:
        print(f"gen-syscalls: {e}", file=sys.stderr)
        return 1
    os.makedirs(opts.out_dir, exist_ok=True)
    for abi, header_name, out_name, prefix in ABIS:
        text = render(abi, header_name, prefix, headers[abi], spec)
        with open(os.path.join(opts.out_dir, out_name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
