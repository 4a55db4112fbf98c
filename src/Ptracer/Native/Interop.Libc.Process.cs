using System.Runtime.InteropServices;

namespace Ptracer.Native;

internal static unsafe partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>posix_spawn(3) with no file actions or attributes: the child inherits descriptors without FD_CLOEXEC.</summary>
        [LibraryImport(LibraryName, EntryPoint = "posix_spawn")]
        internal static partial int posix_spawn(int* pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

        [LibraryImport(LibraryName)]
        internal static partial int posix_spawn_file_actions_init(void* actions);

        [LibraryImport(LibraryName)]
        internal static partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newFd);

        [LibraryImport(LibraryName)]
        internal static partial int posix_spawn_file_actions_destroy(void* actions);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int execve(byte* path, byte** argv, byte** envp);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int setsid();

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int setpgid(int pid, int pgid);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int setgroups(nint size, uint* list);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int setgid(uint gid);

        [LibraryImport(LibraryName, SetLastError = true)]
        internal static partial int setuid(uint uid);
    }
}
