using System.Buffers.Binary;

namespace Ptracer.Strace;

/// <summary>Classic BPF programs (seccomp filters, SO_ATTACH_FILTER) with -v: BPF_STMT(...), BPF_JUMP(...) (strace's bpf_filter.c).</summary>
public sealed partial class SyscallFormatter
{
    private void PrintBpfProgram(ulong address, int count)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        Span<byte> insn = stackalloc byte[8];
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        for (int i = 0; i < count; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= limit)
            {
                _b.Append("..."u8);
                break;
            }
            if (!_c.Memory.TryRead(address + (ulong)(8 * i), insn))
            {
                if (i == 0)
                {
                    _b.Truncate(_b.Length - 1);
                    _b.AppendHex(address);
                    return;
                }
                _b.Append("... /* "u8).AppendHex(address + (ulong)(8 * i)).Append(" */"u8);
                break;
            }
            PrintBpfInstruction(insn);
        }
        _b.Append((byte)']');
    }

    private void PrintBpfInstruction(ReadOnlySpan<byte> insn)
    {
        ushort code = BinaryPrimitives.ReadUInt16LittleEndian(insn);
        byte jt = insn[2], jf = insn[3];
        uint k = BinaryPrimitives.ReadUInt32LittleEndian(insn[4..]);
        uint cls = code & 7u;
        bool jump = cls == 5 && (code & 0xf0) != 0; // BPF_JMP other than BPF_JA
        _b.Append(jump ? "BPF_JUMP("u8 : "BPF_STMT("u8);
        PrintBpfCode(code);
        _b.Append(", "u8);
        bool seccomp = _c.Def.Name is "seccomp" or "prctl"; // a socket filter's return value is a length
        if (seccomp && cls == 6 && (code & 0x18) == 0) PrintSeccompReturn(k); // BPF_RET|BPF_K
        else _b.AppendHex(k);
        if (jump) _b.Append(", "u8).AppendHex(jt).Append(", "u8).AppendHex(jf);
        _b.Append((byte)')');
    }

    private void PrintBpfCode(ushort code)
    {
        uint cls = code & 7u;
        PrintXval(Xlats.BpfClasses, cls, "BPF_???");
        switch (cls)
        {
            case 0: case 1: // LD, LDX
                _b.Append((byte)'|');
                PrintXval(Xlats.BpfSizes, code & 0x18u, "BPF_???");
                _b.Append((byte)'|');
                PrintXval(Xlats.BpfModes, code & 0xe0u, "BPF_???");
                break;
            case 4: // ALU
                _b.Append((byte)'|');
                PrintXval(Xlats.BpfSources, code & 0x08u, "BPF_???");
                _b.Append((byte)'|');
                PrintXval(Xlats.BpfAluOps, code & 0xf0u, "BPF_???");
                break;
            case 5: // JMP
                _b.Append((byte)'|');
                PrintXval(Xlats.BpfSources, code & 0x08u, "BPF_???");
                _b.Append((byte)'|');
                PrintXval(Xlats.BpfJmpOps, code & 0xf0u, "BPF_???");
                break;
            case 6: // RET
                _b.Append((byte)'|');
                PrintXval(Xlats.BpfRvals, code & 0x18u, "BPF_???");
                break;
            case 7: // MISC
                _b.Append((byte)'|');
                PrintXval(Xlats.BpfMiscOps, code & 0xf8u, "BPF_???");
                break;
            default: // ST, STX: nothing but unknown bits
                if ((code & ~7u) != 0) _b.Append((byte)'|').AppendHex(code & ~7u);
                break;
        }
    }

    /// <summary>A seccomp filter's return value: SECCOMP_RET_ERRNO|0x26.</summary>
    private void PrintSeccompReturn(uint k)
    {
        PrintXval(Xlats.SeccompRetActions, k & 0xffff0000u, "SECCOMP_RET_???");
        if ((k & 0xffff) != 0) _b.Append((byte)'|').AppendHex(k & 0xffff);
    }
}
