namespace Ptracer.Strace;

/// <summary>name_to_handle_at and open_by_handle_at (strace's file_handle.c).</summary>
public sealed partial class SyscallFormatter
{
    private const int MaxHandleSize = 128; // MAX_HANDLE_SZ

    /// <summary>Entry: dirfd, path, {handle_bytes=N (the size the caller offers); the rest at exit.</summary>
    private void NameToHandleEntry()
    {
        PrintDirFd(Reg(0));
        _b.Append(", "u8);
        PrintPath(Reg(1));
        _b.Append(", "u8);
        if (Reg(2) == 0 || !_c.Memory.TryRead(Reg(2), out uint bytes))
        {
            PrintAddress(Reg(2));
            _b.Append(", "u8);
            PrintAddress(Reg(3));
            _b.Append(", "u8);
            PrintFlags(Xlats.AtFlags, (uint)Reg(4), "AT_???");
            _c.PrintedAtEntry = SpecialDone;
            return;
        }
        _b.Append("{handle_bytes="u8).Append((ulong)bytes);
        _c.SavedValue = bytes;
        _c.PrintedAtEntry = 1;
    }

    private void NameToHandleExit()
    {
        if (_c.PrintedAtEntry != 1) return;
        ulong address = Reg(2);
        bool overflow = _c.IsError && Ret == -75; // EOVERFLOW: the kernel wrote the size it needs
        Span<byte> h = stackalloc byte[8];
        if ((!Failed || overflow) && _c.Memory.TryRead(address, h))
        {
            uint bytes = UI(h, 0);
            if (bytes != (uint)_c.SavedValue) _b.Append(" => "u8).Append((ulong)bytes);
            if (!Failed) PrintHandleBytes(address, h);
        }
        _b.Append("}, "u8);
        if (Failed) PrintAddress(Reg(3));
        else PrintIntAt(Reg(3));
        _b.Append(", "u8);
        PrintFlags(Xlats.AtFlags, (uint)Reg(4), "AT_???");
    }

    private void OpenByHandleEntry()
    {
        _c.PrintedAtEntry = SpecialDone;
        PrintFd(Reg(0));
        _b.Append(", "u8);
        Span<byte> h = stackalloc byte[8];
        ulong address = Reg(1);
        if (TryReadStruct(address, h))
        {
            _b.Append("{handle_bytes="u8).Append((ulong)UI(h, 0));
            PrintHandleBytes(address, h);
            _b.Append((byte)'}');
        }
        _b.Append(", "u8);
        PrintOpenFlags(Reg(2));
    }

    /// <summary>", handle_type=N, f_handle=\"\x..\"" (nothing for the bytes when unreadable).</summary>
    private void PrintHandleBytes(ulong address, ReadOnlySpan<byte> header)
    {
        _b.Append(", handle_type="u8).Append(I(header, 4));
        int n = (int)Math.Min(UI(header, 0), (uint)MaxHandleSize);
        Span<byte> bytes = stackalloc byte[MaxHandleSize];
        if (!_c.Memory.TryRead(address + 8, bytes[..n])) return;
        _b.Append(", f_handle="u8);
        Quote(bytes[..n], forceHex: true);
    }
}
