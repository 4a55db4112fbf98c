using System.Runtime.InteropServices;

namespace Ptracer.Native;

/// <summary>libc calls the decoders use: the tracer's view of /proc (-y/-yy, signal frames) and NETLINK_SOCK_DIAG queries.</summary>
internal static unsafe partial class FdNative
{
    [LibraryImport("libc", EntryPoint = "readlink")]
    internal static partial nint ReadLink(byte* path, byte* buffer, nint size);

    [LibraryImport("libc", EntryPoint = "getxattr")]
    internal static partial nint GetXattr(byte* path, byte* name, byte* value, nint size);

    [LibraryImport("libc", EntryPoint = "open")]
    internal static partial int Open(byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "read")]
    internal static partial nint Read(int fd, byte* buffer, nint size);

    [LibraryImport("libc", EntryPoint = "close")]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "if_indextoname")]
    internal static partial byte* IfIndexToName(uint index, byte* name);

    [LibraryImport("libc", EntryPoint = "stat")]
    internal static partial int Stat(byte* path, byte* statBuffer);

    [LibraryImport("libc", EntryPoint = "socket")]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "send")]
    internal static partial nint Send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv")]
    internal static partial nint Recv(int fd, byte* buffer, nint length, int flags);
}
