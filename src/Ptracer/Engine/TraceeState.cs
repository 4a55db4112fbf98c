using System.Runtime.InteropServices;
using Ptracer.Native;

namespace Ptracer.Engine;

/// <summary>
/// Whole-thread state beyond the general registers, read and written while the tracee is stopped: the XSAVE area
/// (x87/SSE/AVX), the blocked-signal mask, the rseq registration and the robust futex list. Snapshot/restore uses it.
/// </summary>
public static unsafe class TraceeState
{
    /// <summary>Larger than any XSAVE area this kernel reports (AMX makes it ~11 KiB); the kernel returns the real size.</summary>
    private const int MaxXStateSize = 16384;

    /// <summary>The XSAVE area (PTRACE_GETREGSET NT_X86_XSTATE), exactly as long as the kernel reports.</summary>
    public static byte[] GetExtendedState(this Tracee tracee)
    {
        byte[] buffer = new byte[MaxXStateSize];
        fixed (byte* p = buffer)
        {
            var iov = new Iovec { Base = (nint)p, Length = buffer.Length };
            if (Interop.Libc.ptrace(Interop.Ptrace.GETREGSET, tracee.Tid, Interop.Regset.NT_X86_XSTATE, (nint)(&iov)) < 0)
                throw TraceeException.FromErrno(tracee.Tid, "PTRACE_GETREGSET NT_X86_XSTATE");
            return buffer.AsSpan(0, (int)iov.Length).ToArray();
        }
    }

    public static void SetExtendedState(this Tracee tracee, ReadOnlySpan<byte> xstate) => SetExtendedState(tracee.Tid, xstate);

    internal static void SetExtendedState(int tid, ReadOnlySpan<byte> xstate)
    {
        fixed (byte* p = xstate)
        {
            var iov = new Iovec { Base = (nint)p, Length = xstate.Length };
            if (Interop.Libc.ptrace(Interop.Ptrace.SETREGSET, tid, Interop.Regset.NT_X86_XSTATE, (nint)(&iov)) < 0)
                throw TraceeException.FromErrno(tid, "PTRACE_SETREGSET NT_X86_XSTATE");
        }
    }

    /// <summary>The blocked-signal mask (bit n-1 for signal n).</summary>
    public static ulong GetSignalMask(this Tracee tracee)
    {
        ulong mask;
        if (Interop.Libc.ptrace(Interop.Regset.GETSIGMASK, tracee.Tid, sizeof(ulong), (nint)(&mask)) < 0)
            throw TraceeException.FromErrno(tracee.Tid, "PTRACE_GETSIGMASK");
        return mask;
    }

    public static void SetSignalMask(this Tracee tracee, ulong mask) => SetSignalMask(tracee.Tid, mask);

    internal static void SetSignalMask(int tid, ulong mask)
    {
        if (Interop.Libc.ptrace(Interop.Regset.SETSIGMASK, tid, sizeof(ulong), (nint)(&mask)) < 0)
            throw TraceeException.FromErrno(tid, "PTRACE_SETSIGMASK");
    }

    /// <summary>The thread's rseq registration (PTRACE_GET_RSEQ_CONFIGURATION, Linux 5.13); AbiPointer 0 when none.</summary>
    public static RseqConfiguration GetRseqConfiguration(this Tracee tracee)
    {
        RseqConfiguration config;
        long n = Interop.Libc.ptrace(Interop.Regset.GET_RSEQ_CONFIGURATION, tracee.Tid, sizeof(RseqConfiguration), (nint)(&config));
        if (n < 0) throw TraceeException.FromErrno(tracee.Tid, "PTRACE_GET_RSEQ_CONFIGURATION");
        return config;
    }

    /// <summary>The robust futex list head and length (get_robust_list(2) on the thread; a tracer may read it).</summary>
    public static (ulong Head, ulong Length) GetRobustList(this Tracee tracee)
    {
        ulong head, length;
        if (Interop.Libc.syscall3(Interop.InjectNo.get_robust_list, tracee.Tid, (long)&head, (long)&length) < 0)
            throw TraceeException.FromErrno(tracee.Tid, "get_robust_list");
        return (head, length);
    }
}
