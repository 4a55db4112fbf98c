using System.Globalization;
using Microsoft.Win32.SafeHandles;
using Ptracer.Engine;
using Ptracer.Native;
using Ptracer.Spawn;
using Ptracer.Syscalls;

namespace Ptracer.Snapshot;

/// <summary>What to snapshot and where.</summary>
public sealed class SnapshotOptions
{
    public required string OutputDirectory { get; init; }
    /// <summary>The program, resolved against PATH.</summary>
    public required string Program { get; init; }
    public required IReadOnlyList<string> Arguments { get; init; }
    /// <summary>Snapshot at the first call of this syscall instead of the first one that cannot be replayed.</summary>
    public string? AtSyscall { get; init; }
}

/// <summary>What a snapshot saved.</summary>
public sealed record SnapshotSummary(string Syscall, int Mappings, long Pages, long Bytes);

/// <summary>
/// Runs a program under the tracer, stopping every syscall. Syscalls that can be replayed (<see cref="ReplayableSyscalls"/>)
/// run; at the first one that cannot (or at <see cref="SnapshotOptions.AtSyscall"/>), at its entry stop, the process is
/// saved and killed. Saving at the entry means the syscall has not run: restore sets rip back over the 2-byte
/// <c>syscall</c> instruction and rax to the number, and the restored program makes the call itself. No ERESTART*
/// value can be in rax there (those appear only at an exit stop after a signal interrupted the call).
/// </summary>
public sealed class Snapshotter : TraceHandler
{
    private readonly SnapshotOptions _options;
    private readonly Dictionary<int, SavedSignalAction> _signalActions = [];
    private readonly HashSet<int> _inherited = [];
    private SavedSignalAction? _pendingAction;
    private ulong _tidAddress;
    private ulong _brk;
    private SnapshotSummary? _summary;
    private Exception? _failure;

    public Snapshotter(SnapshotOptions options)
    {
        _options = options;
        if (options.AtSyscall is { } name && SyscallTable.X86_64.ByName(name) is null)
            throw new SnapshotException($"unknown syscall '{name}'");
    }

    /// <summary>Takes the snapshot; throws <see cref="SnapshotException"/> with the reason when it cannot.</summary>
    public SnapshotSummary Run()
    {
        Directory.CreateDirectory(_options.OutputDirectory);
        var tracer = new Tracer(new TracerOptions { FollowChildren = false, SyscallStops = SyscallStopMode.All });
        tracer.Run(new SpawnOptions { Program = _options.Program, Arguments = _options.Arguments }, this);
        if (_failure is not null) throw _failure;
        return _summary ?? throw new SnapshotException("the program ended before the snapshot point");
    }

    public override void OnSyscallEntry(Tracee tracee)
    {
        // The execve that starts the program is the tracer's, not the program's.
        if (_summary is not null || _failure is not null || tracee.IsStartingUp) return;
        if (tracee.Arch != SyscallArch.X86_64)
        {
            Fail(tracee, new SnapshotException("only x86_64 programs can be snapshotted"));
            return;
        }
        bool atPoint = _options.AtSyscall is { } name ? tracee.Syscall?.Name == name : !ReplayableSyscalls.IsReplayable(tracee);
        if (atPoint && tracee.Syscall?.Name == "restart_syscall")
        {
            // A syscall interrupted with ERESTART_RESTARTBLOCK resumes through restart_syscall with state kept in the
            // kernel (its restart block), which a restored process would not have. -ERESTARTSYS/NOINTR/NOHAND restarts
            // arrive as the original syscall (the kernel rewinds rip and restores rax) and are re-made like any other.
            Fail(tracee, new SnapshotException("the program is resuming an interrupted sleep (restart_syscall), which cannot be saved"));
            return;
        }
        if (atPoint)
        {
            try
            {
                _summary = new ProcessCapture(tracee, _options, _signalActions.Values, _tidAddress, _brk, _inherited).Save();
            }
            catch (Exception e) when (e is SnapshotException or IOException or UnauthorizedAccessException or TraceeException)
            {
                _failure = e as SnapshotException ?? new SnapshotException(e.Message);
            }
            tracee.Kill();
            return;
        }
        Track(tracee);
    }

    private void Fail(Tracee tracee, Exception e)
    {
        _failure = e;
        tracee.Kill();
    }

    private void Track(Tracee tracee)
    {
        ReadOnlySpan<ulong> a = tracee.Arguments;
        switch (tracee.Syscall?.Name)
        {
            case "set_tid_address":
                _tidAddress = a[0];
                break;
            case "rt_sigaction" when a[1] != 0 && tracee.Memory.TryRead(a[1], out KernelSigaction act):
                _pendingAction = new SavedSignalAction((int)a[0], (ulong)act.Handler, act.Flags, (ulong)act.Restorer, act.Mask);
                break;
        }
    }

    /// <summary>
    /// Descriptors the program inherited (stdio and whatever else the shell passed) belong to the environment, as they
    /// will at restore time: only those the program opened itself are saved.
    /// </summary>
    public override void OnExec(Tracee tracee, int formerTid)
    {
        foreach (string entry in Directory.GetFiles($"/proc/{tracee.ProcessId}/fd"))
            _inherited.Add(int.Parse(Path.GetFileName(entry), CultureInfo.InvariantCulture));
    }

    public override void OnSyscallExit(Tracee tracee)
    {
        switch (tracee.Syscall?.Name)
        {
            case "rt_sigaction" when _pendingAction is { } action:
                if (!tracee.IsError) _signalActions[action.Signal] = action;
                _pendingAction = null;
                break;
            case "brk" when !tracee.IsError:
                _brk = (ulong)tracee.ReturnValue;
                break;
        }
    }
}

/// <summary>Reads the state of a process stopped at a syscall entry and writes the snapshot files.</summary>
internal sealed class ProcessCapture(Tracee tracee, SnapshotOptions options, IEnumerable<SavedSignalAction> actions, ulong tidAddress, ulong brk,
    IReadOnlySet<int> inherited)
{
    private const int PageSize = 4096;
    private readonly int _pid = tracee.ProcessId;

    public SnapshotSummary Save()
    {
        RefuseSecondThread();
        var manifest = new SnapshotManifest
        {
            Executable = ReadLink($"/proc/{_pid}/exe"),
            Arguments = [.. options.Arguments],
            Pid = _pid,
            Syscall = tracee.Syscall?.Name ?? $"syscall {tracee.SyscallNumber}",
            Descriptors = ReadDescriptors(),
            SignalActions = [.. actions.OrderBy(a => a.Signal)],
            TidAddress = tidAddress,
        };
        SaveThreadState(manifest);
        manifest.Layout = ReadLayout();
        manifest.Layout.Brk = brk != 0 ? brk : manifest.Layout.StartBrk;

        long pages;
        long bytes;
        // Restored processes map pages.bin: a new snapshot in the same directory is a new file (rename), never a
        // rewrite of the one they map.
        string pagesPath = Path.Combine(options.OutputDirectory, SnapshotManifest.PagesFile);
        string pagesTemporary = pagesPath + ".tmp";
        try
        {
            using (var pagesOut = new FileStream(pagesTemporary, FileMode.Create, FileAccess.Write))
            {
                pages = SaveMappings(manifest, pagesOut);
                bytes = pagesOut.Length;
            }
            File.Move(pagesTemporary, pagesPath, overwrite: true);
        }
        finally
        {
            File.Delete(pagesTemporary); // gone already unless saving failed
        }
        manifest.PageCount = pages;
        manifest.Files = [.. manifest.Mappings.Where(m => m.Kind == MappingKind.File).Select(m => m.Name)
            .Concat(manifest.Descriptors.Select(d => d.Path)).Distinct()
            .Where(p => Interop.Libc.FileType(p) == Interop.Libc.S_IFREG)
            .Select(p => new SavedFile(p, new FileInfo(p).Length, SnapshotFiles.Sha256Of(p)))];
        SnapshotFiles.Write(options.OutputDirectory, manifest);
        return new SnapshotSummary(manifest.Syscall, manifest.Mappings.Count, pages, bytes);
    }

    private void RefuseSecondThread()
    {
        int threads = Directory.GetDirectories($"/proc/{_pid}/task").Length;
        if (threads > 1) throw new SnapshotException($"the process has a second thread ({threads} threads); only single-threaded processes can be saved");
    }

    private void SaveThreadState(SnapshotManifest manifest)
    {
        UserRegs r = tracee.GetRegisters();
        manifest.Registers = [r.R15, r.R14, r.R13, r.R12, r.Rbp, r.Rbx, r.R11, r.R10, r.R9, r.R8, r.Rax, r.Rcx, r.Rdx,
            r.Rsi, r.Rdi, r.OrigRax, r.Rip, r.Cs, r.Eflags, r.Rsp, r.Ss, r.FsBase, r.GsBase, r.Ds, r.Es, r.Fs, r.Gs];
        manifest.XState = Convert.ToBase64String(tracee.GetExtendedState());
        manifest.SignalMask = tracee.GetSignalMask();
        (manifest.RobustListHead, manifest.RobustListLength) = tracee.GetRobustList();
        RseqConfiguration rseq = tracee.GetRseqConfiguration();
        manifest.RseqAddress = rseq.AbiPointer;
        manifest.RseqLength = rseq.AbiSize;
        manifest.RseqSignature = rseq.Signature;
    }

    /// <summary>/proc/PID/stat after the command (which may hold spaces and parentheses): fields 26-28 and 45-51.</summary>
    private SavedMmLayout ReadLayout()
    {
        string stat = File.ReadAllText($"/proc/{_pid}/stat");
        string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // f[0] is field 3 (state): field n is f[n - 3].
        ulong F(int n) => ulong.Parse(f[n - 3], CultureInfo.InvariantCulture);
        return new SavedMmLayout
        {
            StartCode = F(26), EndCode = F(27), StartStack = F(28),
            StartData = F(45), EndData = F(46), StartBrk = F(47),
            ArgStart = F(48), ArgEnd = F(49), EnvStart = F(50), EnvEnd = F(51),
        };
    }

    private List<SavedDescriptor> ReadDescriptors()
    {
        var saved = new List<SavedDescriptor>();
        foreach (string entry in Directory.GetFiles($"/proc/{_pid}/fd"))
        {
            int fd = int.Parse(Path.GetFileName(entry), CultureInfo.InvariantCulture);
            if (fd <= 2 || inherited.Contains(fd)) continue; // stdin, stdout, stderr and the like are the restoring shell's
            string target = ReadLink(entry);
            if (target.StartsWith("socket:", StringComparison.Ordinal)) throw new SnapshotException($"fd {fd} is an open socket; sockets cannot be saved");
            if (target.StartsWith("pipe:", StringComparison.Ordinal)) throw new SnapshotException($"fd {fd} is an open pipe; pipes cannot be saved");
            bool device = s_reopenableDevices.Contains(target);
            if (!target.StartsWith('/') || target.EndsWith(" (deleted)", StringComparison.Ordinal)
                || (!device && Interop.Libc.FileType(target) != Interop.Libc.S_IFREG))
                throw new SnapshotException($"fd {fd} ({target}) is not a regular file that can be reopened");
            (int flags, long pos) = ReadFdInfo(fd);
            if ((flags & 3) != Interop.Flags.O_RDONLY) throw new SnapshotException($"fd {fd} ({target}) is open for writing; only read-only files can be saved");
            saved.Add(new SavedDescriptor(fd, target, flags, pos));
        }
        return [.. saved.OrderBy(d => d.Fd)];
    }

    /// <summary>Character devices without state that a descriptor can simply be reopened on.</summary>
    private static readonly HashSet<string> s_reopenableDevices = ["/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"];

    private (int Flags, long Pos) ReadFdInfo(int fd)
    {
        int flags = 0;
        long pos = 0;
        foreach (string line in File.ReadLines($"/proc/{_pid}/fdinfo/{fd}"))
        {
            if (line.StartsWith("pos:", StringComparison.Ordinal)) pos = long.Parse(line.AsSpan(4).Trim(), CultureInfo.InvariantCulture);
            else if (line.StartsWith("flags:", StringComparison.Ordinal)) flags = Convert.ToInt32(line[6..].Trim(), 8);
        }
        return (flags, pos);
    }

    private long SaveMappings(SnapshotManifest manifest, FileStream pagesOut)
    {
        using SafeFileHandle mem = File.OpenHandle($"/proc/{_pid}/mem", FileMode.Open, FileAccess.Read);
        using SafeFileHandle pagemap = File.OpenHandle($"/proc/{_pid}/pagemap", FileMode.Open, FileAccess.Read);
        long dataPage = 0;
        foreach (MapsEntry e in ProcMaps.Read(_pid))
        {
            if (e.Name == "[vsyscall]") continue;
            SavedMapping mapping = Describe(e);
            manifest.Mappings.Add(mapping);
            if (mapping.Kind != MappingKind.Vdso) dataPage = SavePages(e, mapping, mem, pagemap, pagesOut, dataPage);
        }
        return dataPage;
    }

    private static SavedMapping Describe(MapsEntry e)
    {
        MappingKind kind = e.Name switch
        {
            _ when e.IsVdsoPart => MappingKind.Vdso,
            "[stack]" => MappingKind.Stack,
            "" or "[heap]" or "/dev/zero" => MappingKind.Anonymous, // a private /dev/zero mapping is anonymous memory
            _ when e.Name.StartsWith("[anon:", StringComparison.Ordinal) => MappingKind.Anonymous,
            _ when e.Name.StartsWith('/') => MappingKind.File,
            _ => throw new SnapshotException($"mapping {e.Name} at 0x{e.Start:x} cannot be saved"),
        };
        if (e.Shared && (e.Writable || kind != MappingKind.File))
            throw new SnapshotException($"a writable MAP_SHARED mapping at 0x{e.Start:x} ({(e.Name.Length > 0 ? e.Name : "anonymous")}) cannot be saved");
        if (kind == MappingKind.File && (e.Name.EndsWith(" (deleted)", StringComparison.Ordinal) || !File.Exists(e.Name)))
            throw new SnapshotException($"the mapped file {e.Name} no longer exists");
        if (kind == MappingKind.File && Interop.Libc.FileType(e.Name) != Interop.Libc.S_IFREG)
            throw new SnapshotException($"mapping at 0x{e.Start:x} is of {e.Name}, which is not a regular file");
        return new SavedMapping { Start = e.Start, End = e.End, Permissions = e.Permissions, Offset = e.Offset, Name = e.Name, Kind = kind };
    }

    /// <summary>
    /// Saves the pages the process wrote: /proc/PID/pagemap bit 63 present, 62 swapped, 61 file-page or shared-anon
    /// (Documentation/admin-guide/mm/pagemap.rst). A written page of a private mapping is an anonymous copy (61 clear),
    /// which catches .data, RELRO and bss as well as heap and stack. An all-zero anonymous page is not saved (a fresh
    /// anonymous page is zero); in a file mapping it is, since the file's bytes there need not be zero.
    /// </summary>
    private static long SavePages(MapsEntry e, SavedMapping mapping, SafeFileHandle mem, SafeFileHandle pagemap, FileStream pagesOut, long dataPage)
    {
        long count = (long)((e.End - e.Start) / PageSize);
        // pagemap is read a chunk at a time: a reserved region can span terabytes (8 bytes of pagemap per page).
        byte[] flags = new byte[PagemapChunk * 8];
        byte[] page = new byte[PageSize];
        long runStart = -1, runData = 0;
        for (long i = 0; i <= count; i++)
        {
            if (i % PagemapChunk == 0 && i < count)
            {
                int n = (int)Math.Min(PagemapChunk, count - i) * 8;
                if (RandomAccess.Read(pagemap, flags.AsSpan(0, n), (long)((e.Start / PageSize + (ulong)i) * 8)) != n)
                    throw new SnapshotException($"cannot read /proc/PID/pagemap for 0x{e.Start:x}");
            }
            bool save = i < count && Written(BitConverter.ToUInt64(flags, (int)(i % PagemapChunk * 8)))
                && ReadPage(mem, e.Start + (ulong)i * PageSize, page)
                && (mapping.Kind == MappingKind.File || page.AsSpan().ContainsAnyExcept((byte)0));
            if (save)
            {
                if (runStart < 0) { runStart = i; runData = dataPage; }
                pagesOut.Write(page);
                dataPage++;
            }
            else if (runStart >= 0)
            {
                mapping.Pages.Add(new PageRun(runStart, i - runStart, runData));
                runStart = -1;
            }
        }
        return dataPage;
    }

    private const long PagemapChunk = 4096;

    private static bool Written(ulong entry)
    {
        bool present = (entry & (1UL << 63)) != 0, swapped = (entry & (1UL << 62)) != 0, filePage = (entry & (1UL << 61)) != 0;
        return swapped || (present && !filePage);
    }

    private static bool ReadPage(SafeFileHandle mem, ulong address, byte[] page)
    {
        try
        {
            return RandomAccess.Read(mem, page, (long)address) == PageSize;
        }
        catch (IOException)
        {
            return false; // e.g. a PROT_NONE guard page
        }
    }

    private static string ReadLink(string path) =>
        new FileInfo(path).LinkTarget ?? throw new SnapshotException($"cannot read {path}");
}
