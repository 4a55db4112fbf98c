using System.Buffers.Binary;

namespace Ptracer.Strace.StackTrace;

/// <summary>How a caller's register is recovered in one row of the call frame table (DWARF 5, 6.4.1).</summary>
internal enum RuleKind : byte { SameValue, Undefined, Offset, ValueOffset, Register, Unsupported }

internal struct RegisterRule
{
    public RuleKind Kind;
    public long Value;
}

/// <summary>One row: the CFA as a register plus an offset, and the rule of each of the 17 x86_64 DWARF registers.</summary>
internal sealed class FrameRow
{
    public const int ReturnAddress = 16, Count = 17;
    public int CfaRegister;
    public long CfaOffset;
    public bool CfaUnsupported;
    public readonly RegisterRule[] Rules = new RegisterRule[Count];

    public FrameRow Clone()
    {
        var copy = new FrameRow { CfaRegister = CfaRegister, CfaOffset = CfaOffset, CfaUnsupported = CfaUnsupported };
        Rules.CopyTo(copy.Rules, 0);
        return copy;
    }
}

/// <summary>
/// The .eh_frame of one module (System V ABI AMD64 supplement 3.7, DWARF 5 chapter 6.4): its FDEs by address, and
/// the call frame instructions run up to an address. DWARF expressions (PLT entries, signal frames) are not
/// evaluated: a frame that needs one ends the trace.
/// </summary>
internal sealed class CallFrameInfo
{
    private readonly byte[] _image;
    private readonly ulong _sectionVaddr;
    private readonly int _sectionOffset;
    private readonly List<(ulong Begin, ulong End, int Fde)> _fdes = [];
    private readonly Dictionary<int, Cie> _cies = [];

    private CallFrameInfo(byte[] image, int offset, ulong vaddr)
    {
        _image = image;
        _sectionOffset = offset;
        _sectionVaddr = vaddr;
    }

    public static CallFrameInfo Read(byte[] image, int offset, int size, ulong vaddr)
    {
        var cfi = new CallFrameInfo(image, offset, vaddr);
        cfi.Index(offset, Math.Min(offset + size, image.Length));
        cfi._fdes.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        return cfi;
    }

    /// <summary>The row that applies at <paramref name="vaddr"/>, or null when no FDE covers it.</summary>
    public FrameRow? RowAt(ulong vaddr)
    {
        int lo = 0, hi = _fdes.Count - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (_fdes[mid].Begin <= vaddr) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        if (found < 0 || vaddr >= _fdes[found].End) return null;
        return Execute(_fdes[found].Fde, vaddr);
    }

    private sealed record Cie(ulong CodeAlign, long DataAlign, int ReturnRegister, byte PointerEncoding, bool HasAugmentation,
        int Instructions, int End);

    private void Index(int at, int end)
    {
        while (at + 8 <= end)
        {
            uint length = U32(at);
            if (length == 0) break;
            if (length == 0xffffffff) break; // 64-bit DWARF: not produced for x86_64 .eh_frame
            int body = at + 4, next = body + (int)length;
            uint id = U32(body);
            if (id != 0 && next <= end)
            {
                int ciePosition = body - (int)id;
                Cie? cie = CieAt(ciePosition);
                if (cie is not null)
                {
                    int p = body + 4;
                    ulong begin = ReadEncoded(ref p, cie.PointerEncoding);
                    ulong range = ReadEncoded(ref p, (byte)(cie.PointerEncoding & 0x0f));
                    if (begin != 0) _fdes.Add((begin, begin + range, at));
                }
            }
            at = next;
        }
    }

    private Cie? CieAt(int at)
    {
        if (_cies.TryGetValue(at, out Cie? known)) return known;
        int body = at + 4, end = body + (int)U32(at);
        int p = body + 4;
        byte version = _image[p++];
        int augStart = p;
        while (_image[p] != 0) p++;
        string augmentation = System.Text.Encoding.ASCII.GetString(_image, augStart, p - augStart);
        p++;
        if (augmentation.Contains("eh")) p += 8;
        ulong codeAlign = Uleb(ref p);
        long dataAlign = Sleb(ref p);
        int ra = version == 1 ? _image[p++] : (int)Uleb(ref p);
        byte encoding = 0;
        bool z = augmentation.StartsWith('z');
        if (z)
        {
            ulong augLength = Uleb(ref p);
            int augEnd = p + (int)augLength;
            for (int i = 1; i < augmentation.Length; i++)
            {
                switch (augmentation[i])
                {
                    case 'R': encoding = _image[p++]; break;
                    case 'L': p++; break;
                    case 'P': { byte e = _image[p++]; ReadEncoded(ref p, e); break; }
                    default: break;
                }
            }
            p = augEnd;
        }
        var cie = new Cie(codeAlign, dataAlign, ra, encoding, z, p, end);
        _cies[at] = cie;
        return cie;
    }

    private FrameRow? Execute(int fdeAt, ulong target)
    {
        int body = fdeAt + 4, end = body + (int)U32(fdeAt);
        Cie? cie = CieAt(body - (int)U32(body));
        if (cie is null) return null;
        int p = body + 4;
        ulong location = ReadEncoded(ref p, cie.PointerEncoding);
        ReadEncoded(ref p, (byte)(cie.PointerEncoding & 0x0f));
        if (cie.HasAugmentation) p += (int)Uleb(ref p);
        var row = new FrameRow();
        for (int r = 0; r < FrameRow.Count; r++) row.Rules[r].Kind = RuleKind.SameValue;
        ulong start = location;
        if (!Run(cie, cie.Instructions, cie.End, row, null, ref start, ulong.MaxValue)) return null;
        FrameRow initial = row.Clone();
        return Run(cie, p, end, row, initial, ref location, target) ? row : null;
    }

    /// <summary>Runs instructions until the location passes <paramref name="target"/>; false on an unknown opcode.</summary>
    private bool Run(Cie cie, int p, int end, FrameRow row, FrameRow? initial, ref ulong location, ulong target)
    {
        var saved = new Stack<FrameRow>();
        while (p < end)
        {
            byte op = _image[p++];
            int high = op & 0xc0, low = op & 0x3f;
            if (high == 0x40) { location += (ulong)low * cie.CodeAlign; if (location > target) return true; continue; }
            if (high == 0x80) { SetOffset(row, low, (long)Uleb(ref p) * cie.DataAlign); continue; }
            if (high == 0xc0) { Restore(row, initial, low); continue; }
            switch (op)
            {
                case 0x00: break; // nop
                case 0x01: location = ReadEncoded(ref p, cie.PointerEncoding); if (location > target) return true; break;
                case 0x02: location += _image[p++] * cie.CodeAlign; if (location > target) return true; break;
                case 0x03: location += U16(p) * cie.CodeAlign; p += 2; if (location > target) return true; break;
                case 0x04: location += U32(p) * cie.CodeAlign; p += 4; if (location > target) return true; break;
                case 0x05: { int r = (int)Uleb(ref p); SetOffset(row, r, (long)Uleb(ref p) * cie.DataAlign); break; }
                case 0x06: Restore(row, initial, (int)Uleb(ref p)); break;
                case 0x07: Set(row, (int)Uleb(ref p), RuleKind.Undefined, 0); break;
                case 0x08: Set(row, (int)Uleb(ref p), RuleKind.SameValue, 0); break;
                case 0x09: { int r = (int)Uleb(ref p); Set(row, r, RuleKind.Register, (long)Uleb(ref p)); break; }
                case 0x0a: saved.Push(row.Clone()); break;
                case 0x0b:
                    if (saved.Count > 0)
                    {
                        // The CFA rule travels with the remembered state, as GCC emits and libgcc's unwinder reads it
                        // (remember_state before an epilogue's CFA changes, restore_state after it).
                        FrameRow back = saved.Pop();
                        back.Rules.CopyTo(row.Rules, 0);
                        row.CfaRegister = back.CfaRegister;
                        row.CfaOffset = back.CfaOffset;
                        row.CfaUnsupported = back.CfaUnsupported;
                    }
                    break;
                case 0x0c: row.CfaRegister = (int)Uleb(ref p); row.CfaOffset = (long)Uleb(ref p); row.CfaUnsupported = false; break;
                case 0x0d: row.CfaRegister = (int)Uleb(ref p); break;
                case 0x0e: row.CfaOffset = (long)Uleb(ref p); break;
                case 0x0f: p += (int)Uleb(ref p); row.CfaUnsupported = true; break; // def_cfa_expression
                case 0x10: { int r = (int)Uleb(ref p); p += (int)Uleb(ref p); Set(row, r, RuleKind.Unsupported, 0); break; }
                case 0x11: { int r = (int)Uleb(ref p); SetOffset(row, r, Sleb(ref p) * cie.DataAlign); break; }
                case 0x12: row.CfaRegister = (int)Uleb(ref p); row.CfaOffset = Sleb(ref p) * cie.DataAlign; row.CfaUnsupported = false; break;
                case 0x13: row.CfaOffset = Sleb(ref p) * cie.DataAlign; break;
                case 0x14: { int r = (int)Uleb(ref p); Set(row, r, RuleKind.ValueOffset, (long)Uleb(ref p) * cie.DataAlign); break; }
                case 0x15: { int r = (int)Uleb(ref p); Set(row, r, RuleKind.ValueOffset, Sleb(ref p) * cie.DataAlign); break; }
                case 0x16: { int r = (int)Uleb(ref p); p += (int)Uleb(ref p); Set(row, r, RuleKind.Unsupported, 0); break; }
                case 0x2e: Uleb(ref p); break; // GNU_args_size
                case 0x2f: { int r = (int)Uleb(ref p); SetOffset(row, r, -(long)Uleb(ref p) * cie.DataAlign); break; }
                default: return false;
            }
        }
        return true;
    }

    private static void SetOffset(FrameRow row, int register, long offset) => Set(row, register, RuleKind.Offset, offset);

    private static void Set(FrameRow row, int register, RuleKind kind, long value)
    {
        if ((uint)register >= FrameRow.Count) return;
        row.Rules[register].Kind = kind;
        row.Rules[register].Value = value;
    }

    private static void Restore(FrameRow row, FrameRow? initial, int register)
    {
        if ((uint)register >= FrameRow.Count) return;
        row.Rules[register] = initial is null ? new RegisterRule { Kind = RuleKind.SameValue } : initial.Rules[register];
    }

    /// <summary>A pointer in a DW_EH_PE_* encoding (LSB 4.0, "DWARF Exception Header Encoding").</summary>
    private ulong ReadEncoded(ref int p, byte encoding)
    {
        if (encoding == 0xff) return 0; // DW_EH_PE_omit
        ulong fieldVaddr = _sectionVaddr + (ulong)(p - _sectionOffset);
        ulong value;
        switch (encoding & 0x0f)
        {
            case 0x00: value = BinaryPrimitives.ReadUInt64LittleEndian(_image.AsSpan(p)); p += 8; break;
            case 0x01: value = Uleb(ref p); break;
            case 0x02: value = U16(p); p += 2; break;
            case 0x03: value = U32(p); p += 4; break;
            case 0x04: value = BinaryPrimitives.ReadUInt64LittleEndian(_image.AsSpan(p)); p += 8; break;
            case 0x09: value = (ulong)Sleb(ref p); break;
            case 0x0a: value = (ulong)(long)BinaryPrimitives.ReadInt16LittleEndian(_image.AsSpan(p)); p += 2; break;
            case 0x0b: value = (ulong)(long)BinaryPrimitives.ReadInt32LittleEndian(_image.AsSpan(p)); p += 4; break;
            case 0x0c: value = BinaryPrimitives.ReadUInt64LittleEndian(_image.AsSpan(p)); p += 8; break;
            default: return 0;
        }
        if ((encoding & 0x70) == 0x10) value += fieldVaddr; // DW_EH_PE_pcrel
        return value;
    }

    private uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(_image.AsSpan(at));
    private ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(_image.AsSpan(at));

    private ulong Uleb(ref int p)
    {
        ulong result = 0;
        int shift = 0;
        while (true)
        {
            byte b = _image[p++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return result;
            shift += 7;
        }
    }

    private long Sleb(ref int p)
    {
        long result = 0;
        int shift = 0;
        byte b;
        do
        {
            b = _image[p++];
            result |= (long)(b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }
}
