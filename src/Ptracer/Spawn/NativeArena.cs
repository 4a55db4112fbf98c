using System.Runtime.InteropServices;
using System.Text;
using Ptracer.Native;

namespace Ptracer.Spawn;

/// <summary>
/// Unmanaged allocations that a forked child reads, freed together once the child no longer runs from them.
/// </summary>
internal sealed unsafe class NativeArena : IDisposable
{
    private readonly List<nint> _blocks = [];
    private readonly List<(nint Address, nuint Length)> _mappings = [];

    public T* Alloc<T>(int count) where T : unmanaged
    {
        void* p = NativeMemory.AllocZeroed((nuint)Math.Max(1, count), (nuint)sizeof(T));
        _blocks.Add((nint)p);
        return (T*)p;
    }

    public byte* CString(string s)
    {
        int n = Encoding.UTF8.GetByteCount(s);
        byte* p = Alloc<byte>(n + 1);
        Encoding.UTF8.GetBytes(s, new Span<byte>(p, n));
        return p;
    }

    public byte** CStringArray(IReadOnlyList<string> strings)
    {
        byte** array = (byte**)Alloc<nint>(strings.Count + 1);
        for (int i = 0; i < strings.Count; i++) array[i] = CString(strings[i]);
        return array;
    }

    /// <summary>
    /// A stack of its own for a child that shares our memory, with an inaccessible page below it; returns its top.
    /// Reserved, not committed: only the pages the child (or a tracer writing below its stack pointer) touches cost.
    /// </summary>
    public nint AllocStack(nuint size)
    {
        nuint guard = (nuint)Environment.SystemPageSize;
        nint low = Interop.Libc.mmap(0, size + guard, Interop.Flags.PROT_READ | Interop.Flags.PROT_WRITE,
            Interop.Flags.MAP_PRIVATE | Interop.Flags.MAP_ANONYMOUS | Interop.Flags.MAP_NORESERVE | Interop.Flags.MAP_STACK, -1, 0);
        if (low == -1) throw new OutOfMemoryException($"cannot map a {size}-byte child stack: {Interop.Libc.StrError(Marshal.GetLastPInvokeError())}");
        _mappings.Add((low, size + guard));
        Interop.Libc.mprotect(low, guard, Interop.Flags.PROT_NONE);
        return low + (nint)(size + guard);
    }

    public void Dispose()
    {
        foreach (nint p in _blocks) NativeMemory.Free((void*)p);
        _blocks.Clear();
        foreach ((nint address, nuint length) in _mappings) Interop.Libc.munmap(address, length);
        _mappings.Clear();
    }
}
