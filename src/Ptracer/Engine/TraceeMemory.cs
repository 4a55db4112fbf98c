using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Ptracer.Native;

namespace Ptracer.Engine;

/// <summary>
/// Reads and writes a stopped tracee's memory. process_vm_readv/writev split at page boundaries, so a
/// range that runs into an unmapped page yields its readable prefix; PEEKDATA/POKEDATA (which may touch
/// pages the tracee cannot write, e.g. text) are the fallback.
/// </summary>
public sealed unsafe class TraceeMemory
{
    private const int PageSize = 4096;
    private const int MaxIovecs = 64;
    private readonly int _pid;

    public TraceeMemory(int pid) => _pid = pid;

    /// <summary>The thread whose address space this reads.</summary>
    public int Pid => _pid;

    /// <summary>Reads up to buffer.Length bytes; returns how many could be read (a prefix of the range).</summary>
    public int Read(ulong address, Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        int done = ReadWithVm(address, buffer);
        if (done >= 0) return done;
        return ReadWithPeek(address, buffer);
    }

    /// <summary>Reads exactly buffer.Length bytes or returns false.</summary>
    public bool TryRead(ulong address, Span<byte> buffer) => Read(address, buffer) == buffer.Length;

    /// <summary>Reads an unmanaged value; false if the memory cannot be read whole.</summary>
    public bool TryRead<T>(ulong address, out T value) where T : unmanaged
    {
        value = default;
        return TryRead(address, MemoryMarshal.AsBytes(new Span<T>(ref value)));
    }

    /// <summary>Reads one pointer-sized word.</summary>
    public ulong ReadPointer(ulong address)
    {
        if (!TryRead(address, out ulong value))
            throw new TraceeMemoryException(_pid, address, "cannot read a pointer");
        return value;
    }

    /// <summary>
    /// Reads a NUL-terminated string into <paramref name="buffer"/>, at most buffer.Length bytes.
    /// Returns the number of bytes before the NUL (or read); <paramref name="terminated"/> is false when no NUL was found
    /// in the bytes read (the string is longer than the buffer, or runs into unreadable memory).
    /// </summary>
    public int ReadCString(ulong address, Span<byte> buffer, out bool terminated)
    {
        terminated = false;
        int total = 0;
        while (total < buffer.Length)
        {
            ulong at = address + (ulong)total;
            int chunk = (int)Math.Min((ulong)(buffer.Length - total), PageSize - (at % PageSize));
            int got = Read(at, buffer.Slice(total, chunk));
            int nul = buffer.Slice(total, got).IndexOf((byte)0);
            if (nul >= 0)
            {
                terminated = true;
                return total + nul;
            }
            total += got;
            if (got < chunk) break;
        }
        return total;
    }

    /// <summary>Reads a NUL-terminated string of at most <paramref name="maxLength"/> bytes.</summary>
    public TraceeString ReadString(ulong address, int maxLength = 1 << 20)
    {
        byte[] buffer = new byte[Math.Min(maxLength + 1, 1 << 22)];
        int n = ReadCString(address, buffer, out bool terminated);
        bool truncated = !terminated && n >= maxLength;
        if (n > maxLength) n = maxLength;
        bool faulted = !terminated && !truncated;
        return new TraceeString(Encoding.UTF8.GetString(buffer, 0, n), truncated, faulted);
    }

    /// <summary>Reads a NULL-terminated array of string pointers (argv, envp).</summary>
    public List<string> ReadStringArray(ulong address, int maxCount = 1 << 16, int maxLength = 1 << 20)
    {
        var result = new List<string>();
        for (int i = 0; i < maxCount; i++)
        {
            ulong p = ReadPointer(address + (ulong)(8 * i));
            if (p == 0) return result;
            TraceeString s = ReadString(p, maxLength);
            if (s.Faulted) throw new TraceeMemoryException(_pid, p, "cannot read a string of the array");
            if (s.Truncated) throw new TraceeMemoryException(_pid, p, $"a string of the array is longer than {maxLength} bytes");
            result.Add(s.Value);
        }
        throw new TraceeMemoryException(_pid, address, $"the array has more than {maxCount} entries");
    }

    /// <summary>Writes bytes; falls back to POKEDATA for pages the tracee cannot write (text).</summary>
    public void WriteBytes(ulong address, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        if (WriteWithVm(address, data)) return;
        WriteWithPoke(address, data);
    }

    /// <summary>
    /// Writes strings and a NULL-terminated pointer array to them below <paramref name="top"/> (growing down),
    /// returns the address of the array; <paramref name="newTop"/> is the lowest address used, 16-byte aligned.
    /// </summary>
    public ulong WriteStringArray(ulong top, IReadOnlyList<string> strings, out ulong newTop)
    {
        int stringBytes = 0;
        foreach (string s in strings) stringBytes += Encoding.UTF8.GetByteCount(s) + 1;
        int arrayBytes = 8 * (strings.Count + 1);
        ulong stringsAt = (top - (ulong)stringBytes) & ~7UL;
        ulong arrayAt = (stringsAt - (ulong)arrayBytes) & ~15UL;
        byte[] block = new byte[(int)(top - arrayAt)];
        int offset = (int)(stringsAt - arrayAt);
        for (int i = 0; i < strings.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(block.AsSpan(8 * i), arrayAt + (ulong)offset);
            offset += Encoding.UTF8.GetBytes(strings[i], block.AsSpan(offset));
            block[offset++] = 0;
        }
        WriteBytes(arrayAt, block);
        newTop = arrayAt;
        return arrayAt;
    }

    private int ReadWithVm(ulong address, Span<byte> buffer)
    {
        Iovec* remote = stackalloc Iovec[MaxIovecs];
        int total = 0;
        while (total < buffer.Length)
        {
            int count = 0, batch = 0;
            ulong at = address + (ulong)total;
            while (count < MaxIovecs && total + batch < buffer.Length)
            {
                int len = (int)Math.Min((ulong)(buffer.Length - total - batch), PageSize - ((at + (ulong)batch) % PageSize));
                remote[count].Base = (nint)(at + (ulong)batch);
                remote[count].Length = len;
                batch += len;
                count++;
            }
            fixed (byte* p = &buffer[total])
            {
                Iovec local = new() { Base = (nint)p, Length = batch };
                nint got = Interop.Libc.process_vm_readv(_pid, &local, 1, remote, (ulong)count, 0);
                if (got < 0) return total > 0 ? total : (Marshal.GetLastPInvokeError() == Interop.Errno.EFAULT ? 0 : -1);
                total += (int)got;
                if (got < batch) return total;
            }
        }
        return total;
    }

    private int ReadWithPeek(ulong address, Span<byte> buffer)
    {
        int total = 0;
        ulong word = address & ~7UL;
        Span<byte> bytes = stackalloc byte[8];
        while (total < buffer.Length)
        {
            Marshal.SetLastPInvokeError(0);
            long value = Interop.Libc.ptrace(Interop.Ptrace.PEEKDATA, _pid, (nint)word, 0);
            if (value == -1 && Marshal.GetLastPInvokeError() != 0) break;
            int skip = total == 0 ? (int)(address - word) : 0;
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            int take = Math.Min(8 - skip, buffer.Length - total);
            bytes.Slice(skip, take).CopyTo(buffer[total..]);
            total += take;
            word += 8;
        }
        return total;
    }

    private bool WriteWithVm(ulong address, ReadOnlySpan<byte> data)
    {
        Iovec* remote = stackalloc Iovec[MaxIovecs];
        int written = 0;
        while (written < data.Length)
        {
            int count = 0, batch = 0;
            ulong at = address + (ulong)written;
            while (count < MaxIovecs && written + batch < data.Length)
            {
                int len = (int)Math.Min((ulong)(data.Length - written - batch), PageSize - ((at + (ulong)batch) % PageSize));
                remote[count].Base = (nint)(at + (ulong)batch);
                remote[count].Length = len;
                batch += len;
                count++;
            }
            fixed (byte* p = &data[written])
            {
                Iovec local = new() { Base = (nint)p, Length = batch };
                nint got = Interop.Libc.process_vm_writev(_pid, &local, 1, remote, (ulong)count, 0);
                if (got != batch)
                {
                    if (got > 0) written += (int)got;
                    WriteWithPoke(address + (ulong)written, data[written..]);
                    return true;
                }
                written += batch;
            }
        }
        return true;
    }

    private void WriteWithPoke(ulong address, ReadOnlySpan<byte> data)
    {
        int done = 0;
        Span<byte> word = stackalloc byte[8];
        while (done < data.Length)
        {
            ulong at = (address + (ulong)done) & ~7UL;
            int skip = (int)(address + (ulong)done - at);
            int take = Math.Min(8 - skip, data.Length - done);
            if (skip != 0 || take != 8)
            {
                if (ReadWithPeek(at, word) != 8)
                    throw new TraceeMemoryException(_pid, at, "cannot read memory to write");
            }
            data.Slice(done, take).CopyTo(word[skip..]);
            long value = BinaryPrimitives.ReadInt64LittleEndian(word);
            if (Interop.Libc.ptrace(Interop.Ptrace.POKEDATA, _pid, (nint)at, (nint)value) < 0)
                throw new TraceeMemoryException(_pid, at, "cannot write memory: " + Interop.Libc.StrError(Marshal.GetLastPInvokeError()));
            done += take;
        }
    }
}

/// <summary>A string read from a tracee: <see cref="Truncated"/> when it was longer than asked for,
/// <see cref="Faulted"/> when it ran into memory that cannot be read.</summary>
public readonly record struct TraceeString(string Value, bool Truncated, bool Faulted);

/// <summary>Tracee memory could not be read or written.</summary>
public sealed class TraceeMemoryException(int pid, ulong address, string message)
    : Exception($"pid {pid}, address 0x{address:x}: {message}")
{
    public int Pid { get; } = pid;
    public ulong Address { get; } = address;
}
