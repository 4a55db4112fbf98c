using System.Runtime.InteropServices;
using System.Text;

namespace Ptracer.Native;

/// <summary>
/// The libc calls only exec interception makes (Unix sockets with SCM_RIGHTS, peer credentials, kcmp, realpath);
/// the common ones (read, write, close, poll, waitpid, ...) are <see cref="Interop.Libc"/>'s. x86_64 glibc layouts.
/// </summary>
internal static unsafe partial class ProxyNative
{
    // The file name itself: "libc" would make the runtime probe a dozen paths first, on every shim start.
    private const string Libc = "libc.so.6";

    public const int AF_UNIX = 1, SOCK_STREAM = 1, SOCK_CLOEXEC = 0x80000;
    public const int SOL_SOCKET = 1, SO_PEERCRED = 17, SCM_RIGHTS = 1;
    public const int MSG_NOSIGNAL = 0x4000, MSG_CMSG_CLOEXEC = 0x40000000;
    public const int EINTR = 4, EAGAIN = 11, ENOENT = 2, EACCES = 13, EPIPE = 32, ECONNREFUSED = 111, ESRCH = 3;
    public const int F_GETFD = 1;
    public const short POLLIN = 1, POLLHUP = 0x10, POLLERR = 0x8;
    public const int O_RDONLY = 0, O_RDWR = 2, O_NONBLOCK = 0x800, O_CLOEXEC = 0x80000;
    public const int ENXIO = 6;
    public const int SIGKILL = 9;

    [StructLayout(LayoutKind.Sequential)]
    public struct IoVec
    {
        public void* Base;
        public nint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct MsgHdr
    {
        public void* Name;
        public int NameLength;
        public IoVec* Iov;
        public nint IovLength;
        public void* Control;
        public nint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct UCred
    {
        public int Pid, Uid, Gid;
    }

    [LibraryImport(Libc, SetLastError = true)] public static partial int socket(int domain, int type, int protocol);
    [LibraryImport(Libc, SetLastError = true)] public static partial int bind(int fd, byte* addr, int length);
    [LibraryImport(Libc, SetLastError = true)] public static partial int listen(int fd, int backlog);
    [LibraryImport(Libc, SetLastError = true)] public static partial int accept4(int fd, byte* addr, int* length, int flags);
    [LibraryImport(Libc, SetLastError = true)] public static partial int connect(int fd, byte* addr, int length);
    [LibraryImport(Libc, SetLastError = true)] public static partial nint sendmsg(int fd, MsgHdr* msg, int flags);
    [LibraryImport(Libc, SetLastError = true)] public static partial nint recvmsg(int fd, MsgHdr* msg, int flags);
    [LibraryImport(Libc, SetLastError = true)] public static partial int getsockopt(int fd, int level, int name, void* value, int* length);
    [LibraryImport(Libc, SetLastError = true)] public static partial int shutdown(int fd, int how);
    [LibraryImport(Libc, SetLastError = true)] public static partial int chmod(byte* path, uint mode);
    [LibraryImport(Libc, SetLastError = true)] public static partial int unlink(byte* path);
    [LibraryImport(Libc, SetLastError = true)] public static partial int open(byte* path, int flags, int mode);
    [LibraryImport(Libc)] public static partial uint umask(uint mask);
    [LibraryImport(Libc)] public static partial int geteuid();
    [LibraryImport(Libc, SetLastError = true)] public static partial nint realpath(byte* path, byte* resolved);
    [LibraryImport(Libc)] public static partial void free(void* p);
    [LibraryImport(Libc, SetLastError = true)] public static partial long syscall(long number, long a, long b, long c, long d, long e);

    [LibraryImport(Libc, SetLastError = true)] public static partial nint getcwd(byte* buffer, nuint size);

    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>kcmp(2) KCMP_VM: 0 when both processes use one address space (CLONE_VM), -1 on error.</summary>
    public static int CompareVm(int pid1, int pid2)
    {
        const long SYS_kcmp = 312, KCMP_VM = 1;
        long r = syscall(SYS_kcmp, pid1, pid2, KCMP_VM, 0, 0);
        return r < 0 ? -1 : (int)r;
    }

    /// <summary>The working directory (getcwd(3)), or null when it cannot be named (removed, too long).</summary>
    public static string? CurrentDirectory()
    {
        byte* buffer = stackalloc byte[4096];
        return getcwd(buffer, 4096) == 0 ? null : Marshal.PtrToStringUTF8((nint)buffer);
    }

    /// <summary>
    /// The numeric entries of a directory (e.g. /proc/self/fd), read with getdents64 directly: no stat per entry as
    /// the framework's enumeration does. Null when it cannot be read.
    /// </summary>
    public static List<int>? NumericEntries(string path)
    {
        const long SYS_getdents64 = 217;
        const int O_DIRECTORY = 0x10000;
        byte[] cpath = CString(path);
        int fd;
        fixed (byte* p = cpath) fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
        if (fd < 0) return null;
        var result = new List<int>();
        byte* buffer = stackalloc byte[4096];
        try
        {
            long n;
            while ((n = syscall(SYS_getdents64, fd, (long)buffer, 4096, 0, 0)) > 0)
            {
                // struct linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, char d_name[].
                for (long at = 0; at < n; at += *(ushort*)(buffer + at + 16))
                {
                    byte* name = buffer + at + 19;
                    int value = 0, digits = 0;
                    for (; name[digits] is >= (byte)'0' and <= (byte)'9' && digits < 9; digits++) value = value * 10 + (name[digits] - '0');
                    if (digits > 0 && name[digits] == 0) result.Add(value);
                }
            }
            return n < 0 ? null : result;
        }
        finally
        {
            Interop.Libc.close(fd);
        }
    }

    /// <summary>realpath(3), or null when the path cannot be resolved.</summary>
    public static string? RealPath(string path)
    {
        byte[] bytes = CString(path);
        fixed (byte* p = bytes)
        {
            nint resolved = realpath(p, null);
            if (resolved == 0) return null;
            string? s = Marshal.PtrToStringUTF8(resolved);
            free((void*)resolved);
            return s;
        }
    }

    /// <summary>readlink(2) of a /proc link, or null.</summary>
    public static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public static byte[] CString(string s)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    /// <summary>Fills a struct sockaddr_un (110 bytes) for <paramref name="path"/>; returns the address length.</summary>
    public static int UnixAddress(string path, Span<byte> address)
    {
        int n = Encoding.UTF8.GetByteCount(path);
        if (n >= 108) throw new ArgumentException($"socket path too long (max 107 bytes): {path}");
        address.Clear();
        address[0] = AF_UNIX;
        Encoding.UTF8.GetBytes(path, address[2..]);
        return 2 + n + 1;
    }
}
