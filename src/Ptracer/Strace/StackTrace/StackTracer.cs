using System.Globalization;
using System.Text;
using Ptracer.Engine;
using Ptracer.Native;

namespace Ptracer.Strace.StackTrace;

/// <summary>
/// -k: the call stack of a tracee at a syscall stop, as strace prints it:
/// <c> > /usr/lib/x86_64-linux-gnu/libc.so.6(__write+0x10) [0xf8350]</c> (module, symbol+offset, and the pc
/// relative to the module's first mapping). Frames are unwound with the modules' .eh_frame. A frame without
/// call frame information ends the trace.
/// </summary>
internal sealed class StackTracer
{
    private const int MaxFrames = 256;
    private readonly Dictionary<string, ElfModule?> _modules = [];

    /// <summary>The trace of <paramref name="tracee"/> now, one " > ..." line a frame; empty when nothing can be read.</summary>
    public string Capture(Tracee tracee)
    {
        List<Mapping> maps = ReadMaps(tracee.Tid);
        if (maps.Count == 0) return "";
        UserRegs r = tracee.GetRegisters();
        var regs = new ulong[FrameRow.Count];
        regs[0] = r.Rax; regs[1] = r.Rdx; regs[2] = r.Rcx; regs[3] = r.Rbx; regs[4] = r.Rsi; regs[5] = r.Rdi;
        regs[6] = r.Rbp; regs[7] = r.Rsp; regs[8] = r.R8; regs[9] = r.R9; regs[10] = r.R10; regs[11] = r.R11;
        regs[12] = r.R12; regs[13] = r.R13; regs[14] = r.R14; regs[15] = r.R15; regs[16] = r.Rip;
        var text = new StringBuilder();
        for (int depth = 0; depth < MaxFrames; depth++)
        {
            ulong pc = regs[FrameRow.ReturnAddress];
            Mapping? map = Find(maps, pc);
            if (map is null)
            {
                text.Append(CultureInfo.InvariantCulture, $" > unexpected_backtracing_error [0x{pc:x}]\n");
                break;
            }
            ElfModule? module = ModuleOf(map.Path);
            ulong? vaddr = module?.VaddrOf(pc - map.Start + map.Offset);
            var symbol = vaddr is { } v ? module!.SymbolAt(v) : null;
            text.Append(" > ").Append(map.Path);
            if (symbol is { } s) text.Append(CultureInfo.InvariantCulture, $"({s.Name}+0x{s.Offset:x})");
            else text.Append("()");
            text.Append(CultureInfo.InvariantCulture, $" [0x{pc - map.ModuleStart:x}]\n");
            // A caller's return address may sit just past its call (the last instruction of a function): look it up at pc - 1.
            if (vaddr is null || module?.Frames is not { } cfi || !Step(cfi, depth == 0 ? vaddr.Value : vaddr.Value - 1, regs, tracee))
                break;
        }
        return text.ToString();
    }

    /// <summary>Replaces <paramref name="regs"/> by the caller's; false at the outermost frame or on anything unknown.</summary>
    private static bool Step(CallFrameInfo cfi, ulong vaddr, ulong[] regs, Tracee tracee)
    {
        FrameRow? row = cfi.RowAt(vaddr);
        if (row is null || row.CfaUnsupported || (uint)row.CfaRegister >= FrameRow.Count) return false;
        ulong cfa = (ulong)((long)regs[row.CfaRegister] + row.CfaOffset);
        var next = (ulong[])regs.Clone();
        for (int r = 0; r < FrameRow.Count; r++)
        {
            RegisterRule rule = row.Rules[r];
            switch (rule.Kind)
            {
                case RuleKind.Offset:
                    if (!tracee.Memory.TryRead((ulong)((long)cfa + rule.Value), out ulong saved)) return false;
                    next[r] = saved;
                    break;
                case RuleKind.ValueOffset: next[r] = (ulong)((long)cfa + rule.Value); break;
                case RuleKind.Register: next[r] = (uint)rule.Value < FrameRow.Count ? regs[rule.Value] : 0; break;
                case RuleKind.Undefined:
                    if (r == FrameRow.ReturnAddress) return false; // the outermost frame (_start)
                    break;
                case RuleKind.Unsupported: return false;
            }
        }
        next[7] = cfa; // rsp of the caller is the CFA
        if (next[FrameRow.ReturnAddress] == 0) return false;
        next.CopyTo(regs, 0);
        return true;
    }

    private ElfModule? ModuleOf(string path)
    {
        if (!_modules.TryGetValue(path, out ElfModule? module))
            _modules[path] = module = ElfModule.Load(path);
        return module;
    }

    /// <param name="ModuleStart">The start of the file's first mapping: strace prints pcs relative to it.</param>
    private sealed record Mapping(ulong Start, ulong End, ulong Offset, string Path, ulong ModuleStart);

    private static Mapping? Find(List<Mapping> maps, ulong pc)
    {
        foreach (Mapping m in maps)
            if (pc >= m.Start && pc < m.End) return m;
        return null;
    }

    /// <summary>The file-backed mappings of /proc/TID/maps (proc(5)).</summary>
    private static List<Mapping> ReadMaps(int tid)
    {
        var maps = new List<Mapping>();
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{tid}/maps");
        }
        catch (IOException)
        {
            return maps;
        }
        var firstStart = new Dictionary<string, ulong>();
        foreach (string line in lines)
        {
            string[] f = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 6 || !f[5].StartsWith('/')) continue;
            string[] range = f[0].Split('-');
            string path = f[5].Trim();
            ulong start = ulong.Parse(range[0], NumberStyles.HexNumber);
            // maps lists mappings in address order, so a file's first line is its lowest.
            if (!firstStart.TryGetValue(path, out ulong moduleStart)) firstStart[path] = moduleStart = start;
            maps.Add(new Mapping(start, ulong.Parse(range[1], NumberStyles.HexNumber), ulong.Parse(f[2], NumberStyles.HexNumber),
                path, moduleStart));
        }
        return maps;
    }
}
