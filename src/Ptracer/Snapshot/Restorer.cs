using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Ptracer.Engine;
using Ptracer.Native;
using Ptracer.Spawn;

namespace Ptracer.Snapshot;

/// <summary>
/// Starts a process from a snapshot. The stub is the snapshot's own executable, stopped by the engine at its exec
/// (before any of its code ran). From there the restorer works through injected syscalls only:
/// <list type="number">
/// <item>the exec's syscall-exit stop: a <c>syscall</c> instruction is written at the entry point (the stub's text
///   is about to go away), and one injected mmap makes the work page, at an address free in both the stub and the
///   snapshot, holding a <c>syscall</c> instruction and scratch space for paths and structs;</item>
/// <item>everything but the work page is unmapped (vDSO included), the vDSO is mapped back at the saved address with
///   arch_prctl(ARCH_MAP_VDSO_64) (glibc keeps pointers into it), and every saved mapping is mapped at its address:
///   file-backed ones from their file, anonymous ones (heap, stack as MAP_GROWSDOWN) fresh;</item>
/// <item>the saved pages are written through /proc/PID/mem (which, like a debugger, may write read-only pages);</item>
/// <item>prctl(PR_SET_MM_MAP) restores the brk and the code/data/stack/argv/env bounds (no privilege needed), then
///   set_tid_address, set_robust_list, rseq, rt_sigaction for each saved action, and the saved descriptors are
///   reopened at their numbers and offsets;</item>
/// <item>the work page is unmapped; the signal mask, the XSAVE area and the registers are set, with rip back on the
///   snapshot point's <c>syscall</c> instruction and rax its number, and the tracer detaches.</item>
/// </list>
/// The restored process is a child of the caller, which waits for it: its exit status is the program's.
/// stdin, stdout and stderr are the caller's. The snapshot is only read, so it can be restored any number of times.
/// </summary>
public sealed class Restorer : TraceHandler
{
    private const int PageSize = 4096;
    private const ulong WorkPages = 2;
    private const ulong UserSpaceTop = 0x7ffffffff000; // TASK_SIZE_MAX with 4-level paging
    private const int PROT_RWX = 7, MAP_PRIVATE = 2, MAP_SHARED = 1, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20;
    private const int MAP_GROWSDOWN = 0x100, MAP_FIXED_NOREPLACE = 0x100000;
    private const long AT_FDCWD = -100;

    private readonly string _directory;
    private readonly SnapshotManifest _manifest;
    private readonly TraceHandler? _traceAfter;
    private Exception? _failure;
    private volatile int _pid;
    private bool _restored;

    /// <summary>The restored process once it runs (0 before).</summary>
    public int ProcessId => _pid;

    /// <summary>From any thread: sends <paramref name="signal"/> to the restored process; false while it is not running yet.</summary>
    public bool SendSignal(int signal)
    {
        int pid = _pid;
        return pid != 0 && Interop.Libc.kill(pid, signal) == 0;
    }

    /// <param name="directory">The snapshot.</param>
    /// <param name="traceAfter">Keep tracing the restored program (and its children) with this handler instead of detaching.</param>
    public Restorer(string directory, TraceHandler? traceAfter = null)
    {
        _directory = directory;
        _manifest = SnapshotFiles.Read(directory);
        _traceAfter = traceAfter;
    }

    /// <summary>Restores and waits for the program; returns its exit status (128+signal when killed).</summary>
    public int Run()
    {
        VerifyFiles();
        bool tracing = _traceAfter is not null;
        var tracer = new Tracer(new TracerOptions
        {
            FollowChildren = tracing,
            SyscallStops = tracing ? SyscallStopMode.All : SyscallStopMode.None,
        });
        string program = _manifest.Executable;
        TraceResult result = tracer.Run(new SpawnOptions { Program = program, Arguments = [program] }, this);
        if (_failure is not null) throw _failure;
        if (_pid == 0) throw new SnapshotException("the stub process ended before it could be restored");
        return tracing ? result.ExitStatus : WaitForExit(_pid);
    }

    /// <summary>Every file the snapshot maps or has open must be the same as when it was taken.</summary>
    private void VerifyFiles()
    {
        string pages = Path.Combine(_directory, SnapshotManifest.PagesFile);
        if (!File.Exists(pages) || new FileInfo(pages).Length != _manifest.PageCount * PageSize)
            throw new SnapshotException($"{pages} is missing or not the size the manifest says ({_manifest.PageCount} pages)");
        foreach (SavedFile f in _manifest.Files)
        {
            if (!File.Exists(f.Path)) throw new SnapshotException($"{f.Path} is gone since the snapshot was taken");
            if (new FileInfo(f.Path).Length != f.Size || SnapshotFiles.Sha256Of(f.Path) != f.Sha256)
                throw new SnapshotException($"{f.Path} has changed since the snapshot was taken (SHA-256 differs)");
        }
    }

    public override void OnExec(Tracee tracee, int formerTid)
    {
        try
        {
            if (_restored)
            {
                _traceAfter?.OnExec(tracee, formerTid);
                return;
            }
            new RestoreSession(tracee, _manifest, _directory).Restore();
            _pid = tracee.ProcessId;
            _restored = true;
            if (_traceAfter is null) tracee.Detach();
        }
        catch (Exception e)
        {
            // Whatever went wrong (a corrupt manifest included), the half-built process must not run.
            _failure = e as SnapshotException ?? new SnapshotException($"restore failed: {e.Message}");
            tracee.Kill();
        }
    }

    // With --trace, the restored program's events go on to the trace handler; the stub's own start-up is not shown.
    public override void OnAttached(Tracee tracee) => _traceAfter?.OnAttached(tracee);
    public override void OnSyscallEntry(Tracee tracee) { if (_restored) _traceAfter?.OnSyscallEntry(tracee); }
    public override void OnSyscallExit(Tracee tracee) { if (_restored) _traceAfter?.OnSyscallExit(tracee); }
    public override int OnSignal(Tracee tracee, in SignalDelivery signal) =>
        _restored && _traceAfter is not null ? _traceAfter.OnSignal(tracee, signal) : signal.Signal;
    public override void OnGroupStop(Tracee tracee, int signal) => _traceAfter?.OnGroupStop(tracee, signal);
    public override void OnSuperseded(Tracee tracee, int executingTid) => _traceAfter?.OnSuperseded(tracee, executingTid);
    public override void OnNewTracee(Tracee parent, Tracee child, NewTraceeKind kind) => _traceAfter?.OnNewTracee(parent, child, kind);
    public override void OnVforkDone(Tracee parent) => _traceAfter?.OnVforkDone(parent);
    public override void OnExiting(Tracee tracee) => _traceAfter?.OnExiting(tracee);
    public override void OnExited(Tracee tracee, int exitCode) { if (_restored) _traceAfter?.OnExited(tracee, exitCode); }
    public override void OnKilled(Tracee tracee, int signal, bool coreDumped) { if (_restored) _traceAfter?.OnKilled(tracee, signal, coreDumped); }
    public override void OnDetached(Tracee tracee) { if (_restored) _traceAfter?.OnDetached(tracee); }

    private static unsafe int WaitForExit(int pid)
    {
        while (true)
        {
            int status;
            int r = Interop.Libc.waitpid(pid, &status, 0);
            if (r < 0 && Marshal.GetLastPInvokeError() == Interop.Errno.EINTR) continue;
            if (r < 0) throw new SnapshotException($"waitpid: {Interop.Libc.StrError(Marshal.GetLastPInvokeError())}");
            if (Tracer.WIfExited(status)) return Tracer.WExitStatus(status);
            if (Tracer.WIfSignaled(status)) return 128 + Tracer.WTermSig(status);
        }
    }

    private sealed unsafe class RestoreSession(Tracee tracee, SnapshotManifest manifest, string directory)
    {
        private SyscallInjector _inject = null!;
        private ulong _work;
        private ulong Scratch => _work + PageSize;

        public void Restore()
        {
            SyscallInjector.AdvanceToSyscallExit(tracee);
            using SafeFileHandle mem = File.OpenHandle($"/proc/{tracee.ProcessId}/mem", FileMode.Open, FileAccess.ReadWrite);
            MakeWorkPage(mem);
            ClearAddressSpace();
            MapVdso();
            List<int> fds = MapAll();
            CopyPages(mem);
            RestoreMm();
            RestoreKernelRegistrations();
            foreach (int fd in fds) _inject.Call(Interop.InjectNo.close, (ulong)fd);
            ReopenDescriptors();
            _inject.CallChecked("munmap of the work page", Interop.InjectNo.munmap, _work, WorkPages * PageSize);
            RestoreRegisters();
        }

        private void MakeWorkPage(SafeFileHandle mem)
        {
            ulong entry = tracee.GetRegisters().Rip;
            RandomAccess.Write(mem, SyscallInstruction, (long)entry);
            _inject = new SyscallInjector(tracee, entry);
            _work = FreeAddress();
            _inject.CallChecked("mmap of the work page", Interop.InjectNo.mmap, _work, WorkPages * PageSize, PROT_RWX,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, ulong.MaxValue, 0);
            RandomAccess.Write(mem, SyscallInstruction, (long)_work);
            _inject.SyscallInstruction = _work;
        }

        private static ReadOnlySpan<byte> SyscallInstruction => [0x0f, 0x05];

        /// <summary>The lowest 64 KiB-aligned address from 1 MiB up that neither the stub nor the snapshot uses.</summary>
        private ulong FreeAddress()
        {
            var used = ProcMaps.Read(tracee.ProcessId).Select(e => (e.Start, e.End))
                .Concat(manifest.Mappings.Select(m => (m.Start, m.End))).ToList();
            for (ulong a = 0x100000; a < UserSpaceTop; a += 0x10000)
            {
                ulong end = a + WorkPages * PageSize;
                if (!used.Any(u => a < u.End && u.Start < end)) return a;
            }
            throw new SnapshotException("no free address for the restorer's work page");
        }

        private void ClearAddressSpace()
        {
            _inject.CallChecked("munmap", Interop.InjectNo.munmap, 0, _work);
            ulong after = _work + WorkPages * PageSize;
            _inject.CallChecked("munmap", Interop.InjectNo.munmap, after, UserSpaceTop - after);
        }

        /// <summary>arch_prctl(ARCH_MAP_VDSO_64, addr) maps vvar, vvar_vclock and vdso in their fixed order from addr.</summary>
        private void MapVdso()
        {
            SavedMapping[] parts = [.. manifest.Mappings.Where(m => m.Kind == MappingKind.Vdso)];
            if (parts.Length == 0) return;
            ulong first = parts.Min(m => m.Start);
            _inject.CallChecked("arch_prctl(ARCH_MAP_VDSO_64)", Interop.InjectNo.arch_prctl, Interop.Regset.ARCH_MAP_VDSO_64, first);
            SavedMapping vdso = parts.First(m => m.Name == "[vdso]");
            MapsEntry? now = ProcMaps.Read(tracee.ProcessId).FirstOrDefault(e => e.Name == "[vdso]");
            if (now?.Start != vdso.Start)
                throw new SnapshotException($"the vDSO could not be placed at 0x{vdso.Start:x} (the kernel differs from the snapshot's)");
        }

        /// <summary>Maps every saved mapping; returns the descriptors opened for file mappings, to close later.</summary>
        private List<int> MapAll()
        {
            var opened = new Dictionary<string, int>();
            foreach (SavedMapping m in manifest.Mappings)
            {
                ulong length = m.End - m.Start;
                int prot = MapsEntry.ProtectionOf(m.Permissions);
                bool shared = m.Permissions[3] == 's';
                switch (m.Kind)
                {
                    case MappingKind.File:
                        if (!opened.TryGetValue(m.Name, out int fd))
                            opened[m.Name] = fd = (int)_inject.CallChecked($"open {m.Name}", Interop.InjectNo.openat,
                                unchecked((ulong)AT_FDCWD), WriteString(m.Name), (ulong)(Interop.Flags.O_RDONLY | Interop.Flags.O_CLOEXEC));
                        _inject.CallChecked($"mmap {m.Name}", Interop.InjectNo.mmap, m.Start, length, (ulong)prot,
                            (ulong)((shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED), (ulong)fd, m.Offset);
                        break;
                    case MappingKind.Anonymous:
                    case MappingKind.Stack:
                        int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | (m.Kind == MappingKind.Stack ? MAP_GROWSDOWN : 0);
                        _inject.CallChecked($"mmap of 0x{m.Start:x}", Interop.InjectNo.mmap, m.Start, length, (ulong)prot, (ulong)flags, ulong.MaxValue, 0);
                        break;
                }
                if (m.Kind != MappingKind.Vdso) MapPagesFromSnapshot(m, prot, opened);
            }
            return [.. opened.Values];
        }

        /// <summary>
        /// Long runs of saved pages are mapped from pages.bin (MAP_PRIVATE) instead of copied: the kernel reads them
        /// on first touch and copies on first write, so a restore costs no time for pages the program never uses.
        /// The stack is always copied (a file mapping under it would stop MAP_GROWSDOWN growth). A run that cannot be
        /// mapped (e.g. PROT_EXEC pages with the snapshot on a noexec mount) is copied instead.
        /// </summary>
        private void MapPagesFromSnapshot(SavedMapping m, int prot, Dictionary<string, int> opened)
        {
            if (m.Kind == MappingKind.Stack) return;
            foreach (PageRun run in m.Pages)
            {
                if (run.Count < MinMappedRun) continue;
                string pagesPath = Path.GetFullPath(Path.Combine(directory, SnapshotManifest.PagesFile));
                if (!opened.TryGetValue(pagesPath, out int fd))
                    opened[pagesPath] = fd = (int)_inject.CallChecked($"open {pagesPath}", Interop.InjectNo.openat,
                        unchecked((ulong)AT_FDCWD), WriteString(pagesPath), (ulong)(Interop.Flags.O_RDONLY | Interop.Flags.O_CLOEXEC));
                ulong at = m.Start + (ulong)(run.FirstPage * PageSize);
                long r = _inject.Call(Interop.InjectNo.mmap, at, (ulong)(run.Count * PageSize), (ulong)prot,
                    MAP_PRIVATE | MAP_FIXED, (ulong)fd, (ulong)(run.DataPage * PageSize));
                if ((ulong)r == at) _mappedRuns.Add(run);
            }
        }

        private const int MinMappedRun = 16;
        private readonly HashSet<PageRun> _mappedRuns = [];

        private void CopyPages(SafeFileHandle mem)
        {
            using SafeFileHandle pages = File.OpenHandle(Path.Combine(directory, SnapshotManifest.PagesFile));
            byte[] buffer = new byte[CopyChunkPages * PageSize];
            foreach (SavedMapping m in manifest.Mappings)
            {
                foreach (PageRun run in m.Pages)
                {
                    if (_mappedRuns.Contains(run)) continue;
                    for (long done = 0; done < run.Count; done += CopyChunkPages)
                    {
                        Span<byte> chunk = buffer.AsSpan(0, (int)(Math.Min(CopyChunkPages, run.Count - done) * PageSize));
                        if (RandomAccess.Read(pages, chunk, (run.DataPage + done) * PageSize) != chunk.Length)
                            throw new SnapshotException($"{SnapshotManifest.PagesFile} is shorter than the manifest says");
                        RandomAccess.Write(mem, chunk, (long)(m.Start + (ulong)((run.FirstPage + done) * PageSize)));
                    }
                }
            }
        }

        private const int CopyChunkPages = 64;

        private void RestoreMm()
        {
            SavedMmLayout l = manifest.Layout;
            var map = new PrctlMmMap
            {
                StartCode = l.StartCode, EndCode = l.EndCode, StartData = l.StartData, EndData = l.EndData,
                StartBrk = l.StartBrk, Brk = l.Brk, StartStack = l.StartStack, ArgStart = l.ArgStart, ArgEnd = l.ArgEnd,
                EnvStart = l.EnvStart, EnvEnd = l.EnvEnd, ExeFd = uint.MaxValue,
            };
            ulong at = WriteStruct(map);
            _inject.CallChecked("prctl(PR_SET_MM_MAP)", Interop.InjectNo.prctl, Interop.Regset.PR_SET_MM, Interop.Regset.PR_SET_MM_MAP, at, (ulong)sizeof(PrctlMmMap));
        }

        private void RestoreKernelRegistrations()
        {
            if (manifest.TidAddress != 0) RestoreTidAddress();
            if (manifest.RobustListHead != 0)
                _inject.CallChecked("set_robust_list", Interop.InjectNo.set_robust_list, manifest.RobustListHead, manifest.RobustListLength);
            if (manifest.RseqAddress != 0)
                _inject.CallChecked("rseq", Interop.InjectNo.rseq, manifest.RseqAddress, manifest.RseqLength, 0, manifest.RseqSignature);
            foreach (SavedSignalAction a in manifest.SignalActions)
            {
                var act = new KernelSigaction { Handler = (nint)a.Handler, Flags = a.Flags, Restorer = (nint)a.Restorer, Mask = a.Mask };
                _inject.CallChecked($"rt_sigaction({a.Signal})", Interop.InjectNo.rt_sigaction, (ulong)a.Signal, WriteStruct(act), 0, sizeof(ulong));
            }
        }

        /// <summary>
        /// glibc passed &amp;THREAD_SELF->tid to set_tid_address at start-up and cached the result there. It is left as
        /// it was (the snapshot's pid), not set to the new tid: locks held at the snapshot point recorded that value as
        /// their owner, and pthread_rwlock_unlock decides between a write and a read unlock by comparing it with the
        /// cached tid (setlocale holds such a lock across its syscalls). What keeps the stale value: another thread's
        /// pthread_kill of the main thread, and a contended PI or robust mutex owned by the main thread.
        /// </summary>
        private void RestoreTidAddress() =>
            _inject.CallChecked("set_tid_address", Interop.InjectNo.set_tid_address, manifest.TidAddress);

        private void ReopenDescriptors()
        {
            const int O_CREAT_TRUNC_EXCL = 0x40 | 0x200 | 0x80;
            foreach (SavedDescriptor d in manifest.Descriptors)
            {
                long fd = _inject.CallChecked($"open {d.Path}", Interop.InjectNo.openat, unchecked((ulong)AT_FDCWD), WriteString(d.Path),
                    (ulong)(d.Flags & ~O_CREAT_TRUNC_EXCL));
                if (fd != d.Fd)
                {
                    _inject.CallChecked($"dup3 to fd {d.Fd}", Interop.InjectNo.dup3, (ulong)fd, (ulong)d.Fd, (ulong)(d.Flags & Interop.Flags.O_CLOEXEC));
                    _inject.Call(Interop.InjectNo.close, (ulong)fd);
                }
                _inject.CallChecked($"lseek fd {d.Fd}", Interop.InjectNo.lseek, (ulong)d.Fd, (ulong)d.Offset, 0);
            }
        }

        private void RestoreRegisters()
        {
            TraceeState.SetSignalMask(tracee.Tid, manifest.SignalMask);
            TraceeState.SetExtendedState(tracee.Tid, Convert.FromBase64String(manifest.XState));
            List<ulong> v = manifest.Registers;
            var r = new UserRegs
            {
                R15 = v[0], R14 = v[1], R13 = v[2], R12 = v[3], Rbp = v[4], Rbx = v[5], R11 = v[6], R10 = v[7], R9 = v[8],
                R8 = v[9], Rax = v[10], Rcx = v[11], Rdx = v[12], Rsi = v[13], Rdi = v[14], OrigRax = v[15], Rip = v[16],
                Cs = v[17], Eflags = v[18], Rsp = v[19], Ss = v[20], FsBase = v[21], GsBase = v[22], Ds = v[23], Es = v[24],
                Fs = v[25], Gs = v[26],
            };
            // Re-run the snapshot point's syscall: back over the 2-byte `syscall`, its number in rax again.
            r.Rip -= 2;
            r.Rax = r.OrigRax;
            tracee.SetRegisters(r);
        }

        private ulong WriteString(string s)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(s + "\0");
            if (bytes.Length > PageSize) throw new SnapshotException($"path too long: {s}");
            tracee.Memory.WriteBytes(Scratch, bytes);
            return Scratch;
        }

        private ulong WriteStruct<T>(T value) where T : unmanaged
        {
            tracee.Memory.WriteBytes(Scratch, MemoryMarshal.AsBytes(new ReadOnlySpan<T>(ref value)));
            return Scratch;
        }
    }
}
