using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// -e read=FDS / -e write=FDS: after a read or write on a descriptor in the set, the data as strace's hex dump
/// (" | 00000  61 62 ...  ab |", 16 bytes a row). Writes dump the bytes offered (even when the call failed), reads
/// the bytes the call returned; vectors dump each buffer under " * N bytes in buffer I".
/// </summary>
public sealed class IoDump
{
    private readonly FdSet? _read;
    private readonly FdSet? _write;
    private readonly byte[] _chunk = new byte[4096];
    private readonly byte[] _iov = new byte[16 * 64];

    public IoDump(FdSet? read, FdSet? write)
    {
        _read = read;
        _write = write;
    }

    private enum Shape { None, Buffer, Vector, Message }

    /// <summary>Appends the dump lines of the finished call in <paramref name="ctx"/>, if any.</summary>
    public void Append(SyscallContext ctx, TextBuilder b)
    {
        (bool isRead, Shape shape) = Classify(ctx.Def.Name);
        if (shape == Shape.None) return;
        long fd = ctx.Arch == SyscallArch.I386 ? (int)ctx.Arg(0) : (long)ctx.Arg(0);
        if (isRead)
        {
            if (_read is null || !_read.Contains(fd) || ctx.IsError || ctx.ReturnValue <= 0) return;
            long limit = ctx.ReturnValue;
            switch (shape)
            {
                case Shape.Buffer: DumpBuffer(ctx, b, ctx.Arg(1), limit); break;
                case Shape.Vector: DumpVector(ctx, b, ctx.Arg(1), ctx.Arg(2), limit); break;
                case Shape.Message: DumpMessage(ctx, b, ctx.Arg(1), limit); break;
            }
            return;
        }
        if (_write is null || !_write.Contains(fd)) return;
        switch (shape)
        {
            case Shape.Buffer: DumpBuffer(ctx, b, ctx.Arg(1), (long)Word(ctx, ctx.Arg(2))); break;
            case Shape.Vector: DumpVector(ctx, b, ctx.Arg(1), ctx.Arg(2), -1); break;
            case Shape.Message: DumpMessage(ctx, b, ctx.Arg(1), -1); break;
        }
    }

    private static (bool IsRead, Shape Shape) Classify(string name) => name switch
    {
        "read" or "pread64" or "recvfrom" or "recv" or "mq_timedreceive" => (true, Shape.Buffer),
        "readv" or "preadv" or "preadv2" => (true, Shape.Vector),
        "recvmsg" => (true, Shape.Message),
        "write" or "pwrite64" or "sendto" or "send" or "mq_timedsend" => (false, Shape.Buffer),
        "writev" or "pwritev" or "pwritev2" or "vmsplice" => (false, Shape.Vector),
        "sendmsg" => (false, Shape.Message),
        _ => (false, Shape.None),
    };

    private static ulong Word(SyscallContext ctx, ulong value) => ctx.Arch == SyscallArch.I386 ? (uint)value : value;

    /// <summary>struct msghdr: msg_iov and msg_iovlen (x86_64 offsets 16/24, i386 8/12).</summary>
    private void DumpMessage(SyscallContext ctx, TextBuilder b, ulong address, long limit)
    {
        bool is32 = ctx.Arch == SyscallArch.I386;
        Span<byte> header = stackalloc byte[32];
        int size = is32 ? 16 : 32;
        if (!ctx.Memory.TryRead(address, header[..size])) return;
        ulong iov = is32 ? BitConverter.ToUInt32(header[8..]) : BitConverter.ToUInt64(header[16..]);
        ulong count = is32 ? BitConverter.ToUInt32(header[12..]) : BitConverter.ToUInt64(header[24..]);
        DumpVector(ctx, b, iov, count, limit);
    }

    /// <summary>Each iovec's buffer, up to <paramref name="limit"/> bytes in all (-1: every buffer whole).</summary>
    private void DumpVector(SyscallContext ctx, TextBuilder b, ulong address, ulong count, long limit)
    {
        bool is32 = ctx.Arch == SyscallArch.I386;
        int entry = is32 ? 8 : 16;
        count = Word(ctx, count);
        for (ulong i = 0; i < count && limit != 0; i++)
        {
            Span<byte> e = _iov.AsSpan(0, entry);
            if (!ctx.Memory.TryRead(address + i * (ulong)entry, e)) return;
            ulong base_ = is32 ? BitConverter.ToUInt32(e) : BitConverter.ToUInt64(e);
            long length = is32 ? BitConverter.ToUInt32(e[4..]) : (long)BitConverter.ToUInt64(e[8..]);
            if (limit >= 0 && length > limit) length = limit;
            if (length == 0) continue;
            b.Append(" * ").Append(length).Append(" bytes in buffer ").Append((long)i).Append((byte)'\n');
            DumpBuffer(ctx, b, base_, length);
            if (limit > 0) limit -= length;
        }
    }

    private void DumpBuffer(SyscallContext ctx, TextBuilder b, ulong address, long length)
    {
        long offset = 0;
        while (offset < length)
        {
            int want = (int)Math.Min(length - offset, _chunk.Length);
            int got = ctx.Memory.Read(address + (ulong)offset, _chunk.AsSpan(0, want));
            if (got <= 0) return;
            for (int row = 0; row < got; row += 16)
                AppendRow(b, offset + row, _chunk.AsSpan(row, Math.Min(16, got - row)));
            offset += got;
            if (got < want) return;
        }
    }

    private static void AppendRow(TextBuilder b, long offset, ReadOnlySpan<byte> bytes)
    {
        b.Append(" | ");
        int start = b.Length;
        b.AppendHexDigits((ulong)offset);
        int digits = b.Length - start;
        if (digits < 5)
        {
            b.Truncate(start);
            for (int i = digits; i < 5; i++) b.Append((byte)'0');
            b.AppendHexDigits((ulong)offset);
        }
        b.Append("  ");
        for (int i = 0; i < 16; i++)
        {
            if (i == 8) b.Append((byte)' ');
            if (i < bytes.Length)
            {
                b.Append(HexDigit(bytes[i] >> 4)).Append(HexDigit(bytes[i] & 15)).Append((byte)' ');
            }
            else b.Append("   ");
        }
        b.Append((byte)' ');
        for (int i = 0; i < 16; i++)
            b.Append(i < bytes.Length ? (bytes[i] is >= 0x20 and < 0x7f ? bytes[i] : (byte)'.') : (byte)' ');
        b.Append(" |\n");
    }

    private static byte HexDigit(int v) => (byte)(v < 10 ? '0' + v : 'a' + v - 10);
}
