namespace Ptracer.Syscalls;

/// <summary>
/// How one syscall argument is decoded (strace prints it at entry unless the kind is an output,
/// see <see cref="ArgKindInfo.IsOutput"/>). The list follows u-root's FormatSpecifier kinds and strace's
/// decoders. Append new kinds at the end of a group; tables and decoders refer to them by name.
/// </summary>
public enum ArgKind : byte
{
    // Numbers
    Int,            // signed decimal (int)
    Long,           // signed decimal (long)
    UInt,           // unsigned decimal
    ULong,          // unsigned decimal (size_t, off_t printed as unsigned)
    Hex,            // 0x... (addresses, unknown)
    Octal,          // 0NNN
    Pointer,        // NULL or 0x...
    Mode,           // file mode: 0644, with S_IF* when a type bit is set (mknod)
    Umask,          // 022

    // Descriptors and paths
    Fd,             // a descriptor (decoded as N<path> with -y)
    AtDirFd,        // AT_FDCWD or a descriptor
    Path,           // a NUL-terminated path in tracee memory, quoted
    PathOut,        // a path written by the kernel (readlink buffer, getcwd): output, length from the return value
    String,         // a NUL-terminated string (not a path)

    // Buffers
    WriteBuffer,    // input buffer; next argument is its length
    ReadBuffer,     // output buffer; the return value is its length
    IovecIn,        // const struct iovec *, next argument is the count (writev)
    IovecOut,       // struct iovec *, next argument is the count, return value the total (readv)
    Size,           // a size printed as unsigned decimal

    // Flag sets and constants
    OpenFlags,      // O_RDONLY|O_CREAT|...
    AtFlags,        // AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW|...
    AccessMode,     // R_OK|W_OK|X_OK|F_OK
    Whence,         // SEEK_SET...
    MmapProt,       // PROT_READ|...
    MmapFlags,      // MAP_PRIVATE|...
    MadviseAdvice,  // MADV_DONTNEED...
    MremapFlags,
    MsyncFlags,
    CloneFlags,     // CLONE_VM|...|SIGCHLD
    WaitOptions,    // WNOHANG|...
    Signal,         // SIGTERM
    SigprocmaskHow, // SIG_BLOCK...
    SigsetIn,       // const sigset_t *, size in the argument after next
    SigsetOut,      // sigset_t * written by the kernel
    SigactionIn,    // const struct sigaction *
    SigactionOut,   // struct sigaction * written by the kernel
    ArchPrctlCode,  // ARCH_SET_FS...
    PrctlOption,    // PR_SET_NAME...
    RlimitResource, // RLIMIT_STACK...
    RlimitIn,       // const struct rlimit64 *
    RlimitOut,      // struct rlimit64 * written by the kernel
    FcntlCommand,   // F_GETFD...; the third argument depends on it
    IoctlRequest,   // TCGETS...; the third argument depends on it
    FutexOp,        // FUTEX_WAIT...
    SocketFamily,   // AF_UNIX...
    SocketType,     // SOCK_STREAM|SOCK_CLOEXEC
    SocketProtocol, // IPPROTO_TCP, or 0
    SocketLevel,    // SOL_SOCKET...
    SocketOption,   // SO_PASSCRED...; depends on the level
    SocketOptionValue, // the optval of setsockopt/getsockopt
    SendFlags,      // MSG_*
    ShutdownHow,    // SHUT_WR...
    SockaddrIn,     // const struct sockaddr *, next argument its length
    SockaddrOut,    // struct sockaddr *, next argument a socklen_t * (in/out)
    SocklenPtr,     // socklen_t * (in/out), printed [in => out]
    IntPairOut,     // int[2] written by the kernel (pipe, socketpair)
    IntPtrIn,       // const int *
    IntPtrOut,      // int * written by the kernel
    PollFds,        // struct pollfd *, next argument the count
    MsghdrIn,       // const struct msghdr * (sendmsg)
    MsghdrOut,      // struct msghdr * (recvmsg)
    ClockId,        // CLOCK_MONOTONIC...
    TimerFlags,     // TIMER_ABSTIME
    ItimerWhich,    // ITIMER_REAL...
    RusageWho,      // RUSAGE_SELF...
    PriorityWhich,  // PRIO_PROCESS...
    GrndFlags,      // GRND_NONBLOCK...
    Pid,            // a process id
    Uid,            // a user id (-1 printed as -1)
    Gid,
    XattrFlags,
    RenameFlags,
    UnlinkAtFlags,
    StatxMask,
    EpollCtlOp,
    EpollEvent,
    PersonalityFlags,
    SchedPolicy,
    MountFlags,
    UmountFlags,
    IpcFlags,
    ShmatFlags,
    MlockFlags,
    MembarrierCmd,
    SeccompOp,
    PtraceRequest,
    KeyctlCommand,
    BpfCommand,
    Capabilities,
    SigaltstackIn,
    SigaltstackOut,
    EventfdFlags,
    InotifyMask,
    InotifyInitFlags,
    TimerfdFlags,
    MemfdFlags,
    PipeFlags,
    SpliceFlags,
    Dup3Flags,
    FallocateMode,
    FlockOp,
    FadviseAdvice,
    SyncFileRangeFlags,

    // Structures
    TimespecIn,     // const struct timespec *
    TimespecOut,    // struct timespec * written by the kernel
    TimevalIn,
    TimevalOut,
    TimezoneOut,
    ItimervalIn,
    ItimervalOut,
    ItimerspecIn,
    ItimerspecOut,
    StatOut,        // struct stat * written by the kernel
    StatfsOut,
    StatxOut,
    UtsnameOut,     // struct utsname *
    RusageOut,
    TmsOut,         // struct tms *
    SysinfoOut,
    WaitStatusOut,  // int *wstatus: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]
    SiginfoIn,
    SiginfoOut,
    DirentsOut,     // getdents64 buffer; next argument its size
    OldDirentsOut,  // getdents buffer
    StringArray,    // argv: ["a", "b"]
    EnvArray,       // envp: pointer with /* N vars */, or the vector with -v
    TimespecPairIn, // utimensat's times[2]
    TimevalPairIn,  // utimes' times[2]
    SchedParamIn,
    SchedParamOut,
    CpuSetIn,       // sched_setaffinity mask, previous argument its size
    CpuSetOut,
    UserCapHeader,
    UserCapData,
    RobustListHead,
    Rseq,
    CloneArgs,      // struct clone_args * (clone3), next argument its size
    OpenHow,        // struct open_how * (openat2), next argument its size
    FdSetInOut,     // select's fd_set *, first argument nfds
    Sysctl,
    Unused,         // printed as strace prints a raw value but never meaningful
}

/// <summary>How a return value is printed.</summary>
public enum ReturnKind : byte
{
    /// <summary>Signed decimal; a value in [-4095, -1] is an errno.</summary>
    Decimal,
    /// <summary>0x... (mmap, brk); errors still as errno.</summary>
    Hex,
    /// <summary>A new descriptor (decoded with -y).</summary>
    Fd,
    /// <summary>The syscall does not return (exit, exit_group, execve on success is still 0): printed as ?.</summary>
    NoReturn,
    /// <summary>Octal (umask).</summary>
    Octal,
    /// <summary>A process id.</summary>
    Pid,
}
