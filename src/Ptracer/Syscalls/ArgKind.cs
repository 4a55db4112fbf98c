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

    // ---- Appended for strace 6.1 parity (syscalls.spec). Examples are strace's output.
    // Register use: a kind takes one argument register unless its comment says otherwise.

    // Numbers and register layout
    UIntHex,        // unsigned int as %#x: 0, 0x1, 0xffffffff (flags with no names strace knows)
    UInt64,         // unsigned 64-bit decimal; two registers on i386 (low, high): truncate64, lookup_dcookie
    Offset64,       // loff_t, signed decimal; two registers on i386 (low, high): pread64, fallocate
    OffsetLoHi,     // preadv family offset: two registers (pos_l, pos_h) on every ABI; 64-bit ABIs use pos_l only
    Offset64HiLo,   // _llseek: two registers, high word then low word, printed as one signed decimal
    PageOffset,     // mmap2's offset in 4096-byte pages, printed as the byte offset in hex: 0x1000
    Skipped,        // takes a register but is not printed (i386 sigsuspend's two unused words)
    Uid16,          // a 16-bit uid or gid (i386 legacy calls): 0xffff printed as -1
    DevT,           // dev_t as makedev(0x8, 0x1)
    IpcKey,         // IPC_PRIVATE or 0x... (shmget, semget, msgget)
    SigsetValue,    // an old 32-bit sigset passed by value: [HUP INT] (ssetmask, sigsuspend)

    // Pointers to scalars
    HexPtrOut,      // unsigned long * written by the kernel: [0x7f12...] (io_setup, get_robust_list)
    SizePtrOut,     // size_t * written by the kernel: [24] (get_robust_list)
    UIntPtrOut,     // unsigned int * written by the kernel: [0] (getcpu, mq_timedreceive's priority)
    UidPtrOut,      // uid_t or gid_t * written by the kernel: [0], [-1] (getresuid, getresgid)
    OffsetPtrInOut, // off_t * (long-sized): [0] at entry, [0] => [5] at exit (sendfile)
    Offset64PtrIn,  // loff_t *, printed at entry: [0] (splice, copy_file_range)
    Offset64PtrInOut, // loff_t *: [0] => [5] (i386 sendfile64)
    Offset64PtrOut, // loff_t * written by the kernel: [2] (_llseek's result)
    TimeOut,        // time_t * written by the kernel: [1700000000 /* 2023-11-14T22:13:20+0000 */]
    GidArrayIn,     // gid_t[], previous argument the count: [0, 4] (setgroups)
    GidArrayOut,    // gid_t[] written by the kernel, return value the count (getgroups)
    MincoreVecOut,  // mincore's vector, one byte a page: [1, 0, 1]

    // Flags and constants
    IoctlArg,       // the third argument of ioctl: its form follows the request (hex when unknown)
    FcntlArg,       // the third argument of fcntl: follows the command; not printed for F_GETFD, F_GETFL...
    PtraceAddr,     // ptrace's addr: follows the request (hex, NT_PRSTATUS, or not printed)
    PtraceData,     // ptrace's data: follows the request (signal, PTRACE_O_* options, iovec, or hex)
    PrctlArg,       // prctl's second to fifth arguments: follow the option; trailing ones often not printed
    ArchPrctlArg,   // arch_prctl's address: 0x... for ARCH_SET_*, [0x...] output for ARCH_GET_*
    SyslogAction,   // 2 /* SYSLOG_ACTION_READ */
    ShmgetFlags,    // IPC_CREAT|IPC_EXCL|SHM_HUGETLB|0600
    ShmctlCmd,      // IPC_STAT, IPC_64|SHM_LOCK; unknown /* SHM_??? */
    SemctlCmd,      // IPC_RMID, GETVAL; unknown /* SEM_??? */
    MsgctlCmd,      // IPC_RMID, MSG_STAT; unknown /* MSG_??? */
    MsgFlags,       // MSG_NOERROR|MSG_EXCEPT|IPC_NOWAIT (msgsnd, msgrcv)
    MknodMode,      // S_IFCHR|0600, S_IFIFO|S_ISVTX|064 (mknod, mknodat); the device follows for S_IFCHR/S_IFBLK
    MlockallFlags,  // MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT
    UnshareFlags,   // CLONE_NEWNS|CLONE_FILES (unshare; no exit signal in the low byte)
    SetnsType,      // CLONE_NEWNET, 0; unknown /* CLONE_NEW??? */
    SockFlags,      // SOCK_CLOEXEC|SOCK_NONBLOCK (accept4)
    SignalfdFlags,  // SFD_CLOEXEC|SFD_NONBLOCK
    EpollCreateFlags, // EPOLL_CLOEXEC
    IdType,         // P_ALL, P_PID, P_PGID, P_PIDFD (waitid)
    IoprioWho,      // IOPRIO_WHO_PROCESS...
    IoprioValue,    // IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)
    FanotifyInitFlags, // FAN_CLASS_NOTIF|FAN_CLOEXEC
    FanotifyMarkFlags, // FAN_MARK_ADD|FAN_MARK_MOUNT
    FanotifyMask,   // FAN_ACCESS|FAN_MODIFY; a 64-bit mask, two registers on i386 (low, high)
    SeccompFlags,   // SECCOMP_FILTER_FLAG_TSYNC...
    SeccompArgs,    // seccomp's third argument: {len=7, filter=0x...} for SECCOMP_SET_MODE_FILTER
    MembarrierFlags, // MEMBARRIER_CMD_FLAG_CPU, 0
    RwfFlags,       // RWF_HIPRI|RWF_NOWAIT (preadv2, pwritev2)
    StatxFlags,     // AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW (statx: the sync type is always named)
    FaccessatFlags, // AT_EACCESS|AT_SYMLINK_NOFOLLOW (faccessat2: 0x200 is AT_EACCESS here)
    PidfdOpenFlags, // PIDFD_NONBLOCK
    CloseRangeFlags, // CLOSE_RANGE_UNSHARE|CLOSE_RANGE_CLOEXEC
    SignalHandler,  // SIG_DFL, SIG_IGN or 0x... (i386 signal)

    // Structures
    SigreturnMask,  // no register: the mask of the signal frame at the stack pointer: {mask=[INT]}
    SocketOptionValueOut, // getsockopt's optval written by the kernel; its length is the socklen_t * after it
    SembufIn,       // struct sembuf[], next argument the count: [{sem_num=0, sem_op=-1, sem_flg=SEM_UNDO}]
    SemctlArg,      // semctl's fourth argument: follows the command (value, array, or struct semid_ds *)
    DeleteModuleFlags, // delete_module's flags: O_NONBLOCK|O_TRUNC
    FinitModuleFlags, // finit_module's flags: MODULE_INIT_IGNORE_MODVERSIONS|...
    SemctlArgIndirect, // i386 ipc(SEMCTL): a pointer to that argument, printed as strace does: [NULL], [0x7]
    ShmidDs,        // struct shmid_ds *: read (IPC_SET) or written (IPC_STAT) as the command says
    MsqidDs,        // struct msqid_ds *: as ShmidDs, for msgctl
    MsgbufIn,       // struct msgbuf *, next argument the text size: {mtype=1, mtext="hello"}
    MsgbufOut,      // struct msgbuf * written by the kernel, return value the text size
    UserCapDataOut, // struct __user_cap_data_struct * written by the kernel (capget)
    UtimbufIn,      // struct utimbuf *: {actime=1700000000 /* ... */, modtime=...}
    UstatOut,       // struct ustat * written by the kernel
    UserDesc,       // struct user_desc *: {entry_number=12, base_addr=0x..., ...} (set_thread_area, clone tls on i386)
    Timex,          // struct timex * (read and written: adjtimex, clock_adjtime)
    TimezoneIn,     // const struct timezone *: {tz_minuteswest=0, tz_dsttime=0}
    MountData,      // mount's data: a string for most file systems, else 0x...
    SigeventIn,     // const struct sigevent *: {sigev_value={sival_int=0, ...}, sigev_signo=SIGALRM, ...}
    TimerIdOut,     // timer_t * written by the kernel: [0]
    EpollEventsOut, // struct epoll_event[] written by the kernel, return value the count (epoll_wait)
    MqAttrIn,       // const struct mq_attr *: {mq_flags=0, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0}
    MqAttrOut,      // struct mq_attr * written by the kernel
    SigsetPackIn,   // pselect6's {const sigset_t *ss, size_t ss_len}: {[], 8} or NULL
    MmsghdrIn,      // struct mmsghdr[], next argument the count (sendmmsg)
    MmsghdrOut,     // struct mmsghdr[] written by the kernel (recvmmsg)
    RemoteIovec,    // struct iovec[] of another process, next argument the count: addresses and lengths only
    SchedAttrIn,    // const struct sched_attr *: {size=48, sched_policy=SCHED_OTHER, ...}
    SchedAttrOut,   // struct sched_attr * written by the kernel (sched_getattr)
    RlimitLongIn,   // const struct rlimit * with the ABI's unsigned long (setrlimit; 32-bit on i386)
    RlimitLongOut,  // struct rlimit * written by the kernel (getrlimit, ugetrlimit)

    // i386 layouts
    Stat64Out,      // struct stat64 * written by the kernel (stat64, fstatat64)
    Statfs64Out,    // struct statfs64 * written by the kernel; the previous argument is its size
    Timespec64In,   // const struct __kernel_timespec * (64-bit time_t on every ABI: *_time64 calls)
    Timespec64Out,  // struct __kernel_timespec * written by the kernel
    Timespec64PairIn, // utimensat_time64's times[2]
    Itimerspec64In, // const struct __kernel_itimerspec *
    Itimerspec64Out, // struct __kernel_itimerspec * written by the kernel
    Timex64,        // struct __kernel_timex * (clock_adjtime64)
    OldSigactionIn, // const struct old_sigaction * (i386 sigaction): {sa_handler=SIG_IGN, sa_mask=[], sa_flags=0}
    OldSigactionOut, // struct old_sigaction * written by the kernel
    OldSigsetIn,    // const old_sigset_t * (32 bits): [HUP]
    OldSigsetOut,   // old_sigset_t * written by the kernel
    OldSelectArgs,  // i386 select: a pointer to its five arguments, printed as select's five
    OldMmapArgs,    // i386 mmap: a pointer to its six arguments, printed as mmap's six
    SocketcallCall, // socketcall's call number: SYS_SOCKET...; strace prints the subcall itself when it can
    SocketcallArgs, // socketcall's argument block (the subcall's arguments)
    IpcCall,        // ipc's call: SEMOP...; strace prints the subcall itself (semop(...), shmget(...))
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
    /// <summary>Decimal with the personality decoded: 0 (PER_LINUX).</summary>
    Personality,
    /// <summary>Decimal with the policy named: 0 (SCHED_OTHER).</summary>
    SchedPolicy,
    /// <summary>Decimal with the value decoded: 0 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 0)).</summary>
    Ioprio,
    /// <summary>Decimal with the date: 1700000000 (2023-11-14T22:13:20+0000).</summary>
    Time,
    /// <summary>Decimal with the clock state named: 0 (TIME_OK).</summary>
    TimexState,
    /// <summary>The old handler: 0 (SIG_DFL), 0x401000.</summary>
    SignalHandler,
    /// <summary>Hex with the mask: 0x200 (mask [USR1]) (sgetmask).</summary>
    Sigmask,
    /// <summary>Hex with the previous mask: 0 (old mask []) (ssetmask).</summary>
    OldSigmask,
    /// <summary>Decimal, then the descriptor's slot once the call succeeded: 0 (entry_number=12) (set_thread_area).</summary>
    ThreadArea,
}
