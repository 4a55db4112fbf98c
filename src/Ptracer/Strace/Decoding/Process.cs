using System.Buffers.Binary;
using System.Buffers.Text;
using Ptracer.Native;

namespace Ptracer.Strace;

/// <summary>Processes: wait statuses, argv/envp, clone and clone3, rt_sigreturn's mask.</summary>
public sealed partial class SyscallFormatter
{
    private const ulong CloneVm = 0x100, CloneSettls = 0x80000, ClonePidfd = 0x1000, CloneParentSettid = 0x100000;
    private const ulong CloneChildCleartid = 0x200000, CloneChildSettid = 0x1000000;

    /// <summary>int *wstatus written by wait4: [{WIFEXITED(s) &amp;&amp; WEXITSTATUS(s) == 0}].</summary>
    private void PrintWaitStatusAt(ulong address)
    {
        if (!_c.Memory.TryRead(address, out int status))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append((byte)'[');
        AppendWaitStatus(_b, status);
        _b.Append((byte)']');
    }

    internal static void AppendWaitStatus(TextBuilder b, int status)
    {
        int s = status;
        int rest;
        if ((s & 0x7f) == 0)
        {
            b.Append("{WIFEXITED(s) && WEXITSTATUS(s) == "u8).Append((s >> 8) & 0xff).Append((byte)'}');
            rest = s & ~0xffff;
        }
        else if ((s & 0xff) == 0x7f)
        {
            b.Append("{WIFSTOPPED(s) && WSTOPSIG(s) == "u8);
            SignalNames.Append(b, (s >> 8) & 0xff);
            b.Append((byte)'}');
            int ev = (s >> 16) & 0xffff;
            if (ev != 0)
            {
                string? name = ev switch
                {
                    1 => "PTRACE_EVENT_FORK", 2 => "PTRACE_EVENT_VFORK", 3 => "PTRACE_EVENT_CLONE",
                    4 => "PTRACE_EVENT_EXEC", 5 => "PTRACE_EVENT_VFORK_DONE", 6 => "PTRACE_EVENT_EXIT",
                    7 => "PTRACE_EVENT_SECCOMP", 128 => "PTRACE_EVENT_STOP", _ => null,
                };
                b.Append((byte)'|');
                if (name is not null) b.Append(name).Append("<<16"u8);
                else b.AppendHex((uint)(ev << 16));
            }
            rest = 0;
        }
        else if (s == 0xffff)
        {
            b.Append("{WIFCONTINUED(s)}"u8);
            rest = 0;
        }
        else
        {
            b.Append("{WIFSIGNALED(s) && WTERMSIG(s) == "u8);
            SignalNames.Append(b, s & 0x7f);
            if ((s & 0x80) != 0) b.Append(" && WCOREDUMP(s)"u8);
            b.Append((byte)'}');
            rest = s & ~0xffff;
        }
        if (rest != 0) b.Append((byte)'|').AppendHex((uint)rest);
    }

    /// <summary>waitid's siginfo: {} when nothing was waited for (WNOHANG), else the siginfo.</summary>
    private void PrintSiginfoOut(ulong address)
    {
        Span<byte> s = Scratch2(128);
        if (!TryReadStruct(address, s)) return;
        if (BinaryPrimitives.ReadInt32LittleEndian(s) == 0)
        {
            _b.Append("{}"u8);
            return;
        }
        SiginfoFormatter.Format(s, _b, _o);
    }

    /// <summary>argv: ["a", "b", ...] with -s elements at most (all with -v); strings limited by -s.</summary>
    private void PrintStringArray(ulong address)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        int w = WordSize;
        if (!TryReadWord(address, out ulong p))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        for (int i = 0; ; i++)
        {
            if (i > 0 && !TryReadWord(address + (ulong)(i * w), out p))
            {
                _b.Append(", ..."u8);
                break;
            }
            if (p == 0) break;
            if (i > 0) _b.Append(", "u8);
            if (i >= limit)
            {
                _b.Append("..."u8);
                break;
            }
            PrintString(p);
        }
        _b.Append((byte)']');
    }

    /// <summary>envp: 0x... /* N vars */, or the vector with -v.</summary>
    private void PrintEnvArray(ulong address)
    {
        if (_o.Verbose || address == 0)
        {
            PrintStringArray(address);
            return;
        }
        int count = CountPointers(address, out bool readable);
        _b.AppendHex(address);
        if (readable) _b.Append(" /* "u8).Append(count).Append(count == 1 ? " var */"u8 : " vars */"u8);
    }

    /// <summary>
    /// Counts the pointers before the NULL of a pointer array, reading it a block at a time (one process_vm_readv per
    /// 64 pointers rather than one per pointer: an exec with 40 variables is common).
    /// </summary>
    private int CountPointers(ulong address, out bool readable)
    {
        int w = WordSize;
        Span<byte> block = stackalloc byte[512];
        int count = 0;
        readable = true;
        while (count < 1 << 20)
        {
            int got = _c.Memory.Read(address + (ulong)(count * w), block);
            int words = got / w;
            for (int i = 0; i < words; i++, count++)
            {
                ulong p = w == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(block[(i * 4)..]) : BinaryPrimitives.ReadUInt64LittleEndian(block[(i * 8)..]);
                if (p == 0) return count;
            }
            if (got < block.Length)
            {
                readable = false;
                return count;
            }
        }
        return count;
    }

    // ------------------------------------------------------------------ clone

    /// <summary>The registers of clone's pointers: x86_64 (flags, stack, parent_tid, child_tid, tls); i386 swaps the last two.</summary>
    private ulong CloneChildTid => Is32 ? Reg(4) : Reg(3);
    private ulong CloneTls => Is32 ? Reg(3) : Reg(4);

    private void CloneEntry()
    {
        ulong flags = Reg(0);
        _b.Append("child_stack="u8);
        PrintAddress(Reg(1));
        _b.Append(", flags="u8);
        PrintCloneFlags(flags, withSignal: true);
        if ((flags & (CloneParentSettid | ClonePidfd)) != 0)
        {
            _c.PrintedAtEntry = 1; // the rest at exit
            return;
        }
        CloneTail(flags);
        _c.PrintedAtEntry = _c.Def.Args.Length;
    }

    private void CloneExit()
    {
        if (_c.PrintedAtEntry >= _c.Def.Args.Length) return;
        ulong flags = Reg(0);
        _b.Append(", parent_tid="u8);
        ulong ptid = Reg(2);
        if (!Failed && ptid != 0 && _c.Memory.TryRead(ptid, out int tid)) _b.Append((byte)'[').Append(tid).Append((byte)']');
        else PrintAddress(ptid);
        CloneTail(flags);
    }

    private void CloneTail(ulong flags)
    {
        if ((flags & CloneSettls) != 0)
        {
            _b.Append(", tls="u8);
            if (Is32) PrintUserDesc(CloneTls);
            else PrintAddress(CloneTls);
        }
        if ((flags & (CloneChildSettid | CloneChildCleartid)) != 0)
        {
            _b.Append(", child_tidptr="u8);
            PrintAddress(CloneChildTid);
        }
    }

    private const int CloneArgsVer0 = 64;

    /// <summary>clone3 at entry: the struct; the size too unless the kernel writes pidfd/parent_tid (then at exit).</summary>
    private void Clone3Entry()
    {
        ulong address = Reg(0), size = Reg(1);
        bool delayed = PrintCloneArgs(address, size);
        if (delayed)
        {
            _c.PrintedAtEntry = 1;
            return;
        }
        _b.Append(", "u8).Append(size);
        _c.PrintedAtEntry = 2;
    }

    private void Clone3Exit()
    {
        if (_c.PrintedAtEntry >= 2) return;
        ulong address = Reg(0), size = Reg(1);
        Span<byte> s = stackalloc byte[CloneArgsVer0];
        if (!Failed && _c.Memory.TryRead(address, s))
        {
            ulong flags = UL(s, 0);
            _b.Append(" => {"u8);
            bool first = true;
            if ((flags & ClonePidfd) != 0)
            {
                _b.Append("pidfd="u8);
                PrintIntAt(UL(s, 8));
                first = false;
            }
            if ((flags & CloneParentSettid) != 0)
            {
                if (!first) _b.Append(", "u8);
                _b.Append("parent_tid="u8);
                PrintIntAt(UL(s, 24));
            }
            _b.Append((byte)'}');
        }
        _b.Append(", "u8).Append(size);
    }

    /// <summary>struct clone_args; returns true when the kernel writes something back (pidfd, parent_tid).</summary>
    private bool PrintCloneArgs(ulong address, ulong size)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return false;
        }
        Span<byte> s = stackalloc byte[88];
        s.Clear();
        int n = (int)Math.Min(size, 88);
        if (size < CloneArgsVer0 || !_c.Memory.TryRead(address, s[..n]))
        {
            _b.AppendHex(address);
            return false;
        }
        ulong flags = UL(s, 0);
        _b.Append("{flags="u8);
        PrintFlags(Xlats.CloneFlags, flags, "CLONE_???");
        if ((flags & ClonePidfd) != 0)
        {
            _b.Append(", pidfd="u8);
            PrintAddress(UL(s, 8));
        }
        if ((flags & (CloneChildSettid | CloneChildCleartid)) != 0)
        {
            _b.Append(", child_tid="u8);
            PrintAddress(UL(s, 16));
        }
        if ((flags & CloneParentSettid) != 0)
        {
            _b.Append(", parent_tid="u8);
            PrintAddress(UL(s, 24));
        }
        _b.Append(", exit_signal="u8);
        ulong sig = UL(s, 32);
        if (sig == 0 || sig > int.MaxValue) _b.Append(sig);
        else PrintSignal(sig);
        _b.Append(", stack="u8);
        PrintAddress(UL(s, 40));
        _b.Append(", stack_size="u8).AppendHex(UL(s, 48));
        if ((flags & CloneSettls) != 0)
        {
            _b.Append(", tls="u8);
            // i386: tls is a struct user_desc, printed as strace does for clone(CLONE_SETTLS).
            if (Is32) PrintUserDesc(UL(s, 56));
            else PrintAddress(UL(s, 56));
        }
        if (n >= 80 && (UL(s, 64) != 0 || UL(s, 72) != 0))
        {
            _b.Append(", set_tid="u8);
            PrintAddress(UL(s, 64));
            _b.Append(", set_tid_size="u8).Append(UL(s, 72));
        }
        if (n >= 88 && UL(s, 80) != 0) _b.Append(", cgroup="u8).Append(UL(s, 80));
        PrintNonzeroTail(address, 88, size);
        _b.Append((byte)'}');
        return (flags & (ClonePidfd | CloneParentSettid)) != 0;
    }

    // ------------------------------------------------------------------ rt_sigreturn

    /// <summary>
    /// rt_sigreturn's {mask=[...]}: the saved mask of the signal frame at the stack pointer, which is read from
    /// /proc/TID/syscall (the tracee is stopped at the syscall).
    /// </summary>
    private unsafe void PrintSigreturnMask()
    {
        ulong sp = ReadStackPointer(_c.Pid);
        _b.Append("{mask="u8);
        // x86_64: sp points at the ucontext (pretcode was popped): uc_flags, uc_link, uc_stack (24), uc_mcontext (256), uc_sigmask.
        // i386 rt_sigreturn: sp points past pretcode at sig, pinfo, puc, info (128), uc: the mask is at uc + 20 + 88.
        ulong maskAt;
        int size = 8;
        if (_c.Def.Name == "sigreturn")
        {
            // i386 sigreturn: struct sigframe minus pretcode and sig: sigcontext (88) then extramask... sc.oldmask at +80.
            maskAt = sp + 4 + 80 - 4;
            size = 4;
        }
        else if (Is32) maskAt = sp + 4 * 3 + 128 + 20 + 88;
        else maskAt = sp + 8 + 8 + 24 + 256;
        Span<byte> set = stackalloc byte[8];
        if (sp != 0 && _c.Memory.TryRead(maskAt, set[..size])) AppendSigset(_b, set[..size], Raw, VerboseSigset);
        else _b.AppendHex(maskAt);
        _b.Append((byte)'}');
    }

    /// <summary>The stack pointer of a thread stopped in a syscall, from /proc/TID/syscall (0 if unknown).</summary>
    private unsafe ulong ReadStackPointer(int tid)
    {
        Span<byte> path = stackalloc byte[ProcPath.MaxLength];
        ProcPath.Format(path, tid, "/syscall"u8);
        Span<byte> text = stackalloc byte[256];
        int fd;
        fixed (byte* p = path) fd = FdNative.Open(p, 0x80000 /* O_RDONLY|O_CLOEXEC */);
        if (fd < 0) return 0;
        nint got;
        fixed (byte* t = text) got = FdNative.Read(fd, t, text.Length);
        FdNative.Close(fd);
        if (got <= 0) return 0;
        // "nr a0 a1 a2 a3 a4 a5 sp pc": the next to last field.
        ReadOnlySpan<byte> line = text[..(int)got].TrimEnd((byte)'\n');
        int last = line.LastIndexOf((byte)' ');
        if (last <= 0) return 0;
        ReadOnlySpan<byte> head = line[..last];
        int prev = head.LastIndexOf((byte)' ');
        ReadOnlySpan<byte> field = head[(prev + 1)..];
        if (field.StartsWith("0x"u8)) field = field[2..];
        return Utf8Parser.TryParse(field, out ulong sp, out _, 'x') ? sp : 0;
    }
}
