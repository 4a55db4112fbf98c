using System.Buffers.Binary;
using System.Text;

namespace Ptracer.Strace.StackTrace;

/// <summary>
/// What -k needs of one ELF file (elf(5)): its loadable segments (file offset to virtual address), its symbols
/// (.symtab, else .dynsym) and its call frame information (.eh_frame, System V ABI AMD64 supplement 3.7).
/// </summary>
internal sealed class ElfModule
{
    private readonly byte[] _image;
    private readonly List<(ulong Offset, ulong Vaddr, ulong Size)> _loads = [];
    private readonly List<Symbol> _symbols = [];

    private ElfModule(byte[] image)
    {
        _image = image;
        ReadSegments();
        ReadSections();
        _symbols.Sort((a, b) => a.Value != b.Value ? a.Value.CompareTo(b.Value) : a.Index.CompareTo(b.Index));
        Frames = EhFrame is { } eh ? CallFrameInfo.Read(_image, eh.Offset, eh.Size, eh.Vaddr) : null;
    }

    public CallFrameInfo? Frames { get; }

    private (int Offset, int Size, ulong Vaddr)? EhFrame { get; set; }

    /// <summary>The module, or null when the file is not a readable 64-bit little-endian ELF file.</summary>
    public static ElfModule? Load(string path)
    {
        try
        {
            byte[] image = File.ReadAllBytes(path);
            if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F'
                || image[4] != 2 /* ELFCLASS64 */ || image[5] != 1 /* little-endian */)
                return null;
            return new ElfModule(image);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The virtual address (as linked) of file offset <paramref name="offset"/>, or null outside PT_LOAD.</summary>
    public ulong? VaddrOf(ulong offset)
    {
        foreach (var (o, v, size) in _loads)
            if (offset >= o && offset < o + size) return offset - o + v;
        return null;
    }

    /// <summary>
    /// The symbol for <paramref name="vaddr"/> as libdw's address lookup finds it (what strace -k prints): the closest
    /// one whose extent holds the address, else the closest one before it; of aliases at one address a non-local one,
    /// then the first in the table (libc's __write before write and _exit before _Exit, a static binary's __write
    /// before __libc_write: checked against strace 6.1).
    /// </summary>
    public (string Name, ulong Offset)? SymbolAt(ulong vaddr)
    {
        int hi = _symbols.Count - 1, lo = 0, last = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (_symbols[mid].Value <= vaddr) { last = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        if (last < 0) return null;
        Symbol? best = null;
        for (int i = last; i >= 0 && i > last - 64; i--)
        {
            Symbol s = _symbols[i];
            if (vaddr >= s.Value + Math.Max(s.Size, 1)) continue;
            if (best is null || s.Value > best.Value || s.Value == best.Value && Better(s, best)) best = s;
        }
        best ??= Closest(last);
        return (best.Name, vaddr - best.Value);
    }

    private Symbol Closest(int last)
    {
        Symbol best = _symbols[last];
        for (int i = last - 1; i >= 0 && _symbols[i].Value == best.Value; i--)
            if (Better(_symbols[i], best)) best = _symbols[i];
        return best;
    }

    // libdw keeps the first symbol it meets at an address unless that one is local and the next is not.
    private static bool Better(Symbol s, Symbol than) =>
        (s.Binding == 0) != (than.Binding == 0) ? than.Binding == 0 : s.Index < than.Index;

    private ulong U64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(_image.AsSpan(at));
    private uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(_image.AsSpan(at));
    private ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(_image.AsSpan(at));

    private void ReadSegments()
    {
        int phoff = (int)U64(0x20), count = U16(0x38), size = U16(0x36);
        for (int i = 0; i < count; i++)
        {
            int at = phoff + i * size;
            if (U32(at) == 1 /* PT_LOAD */) _loads.Add((U64(at + 8), U64(at + 16), U64(at + 32)));
        }
    }

    private void ReadSections()
    {
        int shoff = (int)U64(0x28), count = U16(0x3c), size = U16(0x3a), names = U16(0x3e);
        if (shoff == 0 || count == 0) return;
        int namesOffset = (int)U64(shoff + names * size + 24);
        int symtab = -1, dynsym = -1;
        for (int i = 0; i < count; i++)
        {
            int at = shoff + i * size;
            uint type = U32(at + 4);
            string name = CString(namesOffset + (int)U32(at));
            if (type == 2 /* SHT_SYMTAB */) symtab = at;
            else if (type == 11 /* SHT_DYNSYM */) dynsym = at;
            else if (name == ".eh_frame" && type == 1 /* SHT_PROGBITS */)
                EhFrame = ((int)U64(at + 24), (int)U64(at + 32), U64(at + 16));
        }
        int table = symtab >= 0 ? symtab : dynsym;
        if (table >= 0) ReadSymbols(table, shoff + (int)U32(table + 40) * size);
    }

    private void ReadSymbols(int table, int strtab)
    {
        int offset = (int)U64(table + 24), total = (int)U64(table + 32), strings = (int)U64(strtab + 24);
        int index = 0;
        for (int at = offset; at + 24 <= offset + total; at += 24, index++)
        {
            byte info = _image[at + 4];
            int type = info & 0xf;
            if (U16(at + 6) == 0 /* SHN_UNDEF */ || type > 2 /* NOTYPE, OBJECT, FUNC only */) continue;
            ulong value = U64(at + 8);
            if (value == 0) continue;
            string name = CString(strings + (int)U32(at));
            if (name.Length == 0) continue;
            _symbols.Add(new Symbol(name, value, U64(at + 16), info >> 4, index));
        }
    }

    private string CString(int at)
    {
        int end = Array.IndexOf(_image, (byte)0, at);
        return Encoding.UTF8.GetString(_image, at, (end < 0 ? _image.Length : end) - at);
    }

    private sealed record Symbol(string Name, ulong Value, ulong Size, int Binding, int Index);
}
