using Ptracer.Native;

namespace Ptracer.Engine;

/// <summary>Signal dispositions of the tracer's own process.</summary>
public static unsafe class TracerProcess
{
    /// <summary>
    /// Ignores <paramref name="signal"/> in the tracer (SIG_IGN, no handler thread). Spawned tracees do not inherit
    /// it: the fork child resets every disposition before exec.
    /// </summary>
    public static void Ignore(int signal) => Interop.Libc.signal_(signal, 1 /* SIG_IGN */);

    /// <summary>Ends the tracer the way its root tracee ended, as strace does, so a shell sees the same status.</summary>
    /// <summary>
    /// Kills the calling process with <paramref name="signal"/> (default disposition, unblocked, no core file).
    /// Returns only if the signal did not end the process (e.g. SIGSTOP); the caller then exits with 128+signal.
    /// </summary>
    public static void RaiseAndExit(int signal)
    {
        const int RLIMIT_CORE = 4;
        ulong* noCore = stackalloc ulong[2];
        Interop.Libc.setrlimit(RLIMIT_CORE, noCore);
        Interop.Libc.signal_(signal, 0 /* SIG_DFL */);
        ulong mask = 1UL << (signal - 1);
        Interop.Libc.pthread_sigmask(Interop.Signals.SIG_UNBLOCK, &mask, null);
        Interop.Libc.kill(Interop.Libc.getpid(), signal);
    }
}
