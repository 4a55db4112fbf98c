using System.Runtime.InteropServices;
using Ptracer.Native;

namespace Ptracer.Spawn;

/// <summary>
/// The machine code that forks and runs a <see cref="ChildProgram"/> in the child (see tools/fork-stub/fork-stub.S
/// for why the child cannot be a managed method: the runtime's GC polls). Mapped once, read and execute only.
/// </summary>
internal static unsafe partial class ForkStub
{
    private static readonly delegate* unmanaged<ChildProgram*, long> s_fork = Map();

    /// <summary>In the parent: the child's pid, or -errno when clone failed. The child never returns.</summary>
    public static long Fork(ChildProgram* program) => s_fork(program);

    private static delegate* unmanaged<ChildProgram*, long> Map()
    {
        nuint size = (nuint)Environment.SystemPageSize;
        nint page = Interop.Libc.mmap(0, size, Interop.Flags.PROT_READ | Interop.Flags.PROT_WRITE,
            Interop.Flags.MAP_PRIVATE | Interop.Flags.MAP_ANONYMOUS, -1, 0);
        if (page == -1) throw new SpawnException("fork stub", SpawnStage.Fork, Marshal.GetLastPInvokeError());
        Code.CopyTo(new Span<byte>((void*)page, Code.Length));
        if (Interop.Libc.mprotect(page, size, Interop.Flags.PROT_READ | Interop.Flags.PROT_EXEC) < 0)
            throw new SpawnException("fork stub", SpawnStage.Fork, Marshal.GetLastPInvokeError());
        return (delegate* unmanaged<ChildProgram*, long>)page;
    }
}
