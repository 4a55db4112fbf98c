using System.Runtime.InteropServices;
using System.Text;

namespace Ptracer.Spawn;

/// <summary>
/// Unmanaged allocations that a forked child reads (its copy of them), freed together once the parent has forked.
/// </summary>
internal sealed unsafe class NativeArena : IDisposable
{
    private readonly List<nint> _blocks = [];

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

    public void Dispose()
    {
        foreach (nint p in _blocks) NativeMemory.Free((void*)p);
        _blocks.Clear();
    }
}
