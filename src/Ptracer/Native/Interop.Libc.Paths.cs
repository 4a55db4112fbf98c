using System.Runtime.InteropServices;

namespace Ptracer.Native;

internal static unsafe partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>readlink on a NUL-terminated path already in bytes (no marshalling per call).</summary>
        [LibraryImport(LibraryName, EntryPoint = "readlink")]
        internal static partial nint readlink_bytes(byte* path, byte* buf, nint size);

        [LibraryImport(LibraryName, EntryPoint = "open", SetLastError = true)]
        internal static partial int open_bytes(byte* path, int flags, int mode);
    }
}
