using System.Buffers.Binary;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>The decoder of each argument kind.</summary>
public sealed partial class SyscallFormatter
{
    private static bool IsOutputExtra(ArgKind kind) => kind switch
    {
        ArgKind.HexPtrOut or ArgKind.SizePtrOut or ArgKind.UIntPtrOut or ArgKind.UidPtrOut
            or ArgKind.Offset64PtrOut or ArgKind.TimeOut or ArgKind.GidArrayOut or ArgKind.MincoreVecOut
            or ArgKind.SocketOptionValueOut or ArgKind.MsgbufOut or ArgKind.UserCapDataOut or ArgKind.UstatOut
            or ArgKind.TimerIdOut or ArgKind.EpollEventsOut or ArgKind.MqAttrOut or ArgKind.MmsghdrOut
            or ArgKind.SchedAttrOut or ArgKind.RlimitLongOut or ArgKind.Stat64Out or ArgKind.Statfs64Out
            or ArgKind.Timespec64Out or ArgKind.Itimerspec64Out or ArgKind.OldSigactionOut or ArgKind.OldSigsetOut
            or ArgKind.Timex or ArgKind.Timex64
            => true,
        _ => false,
    };

    /// <summary>Kinds that are outputs only for some values of another argument (arch_prctl's ARCH_GET_*).</summary>
    private bool IsOutputHere(ArgKind kind) => kind switch
    {
        ArgKind.ArchPrctlArg => (uint)Reg(0) is 0x1003 or 0x1004 or 0x1021 or 0x1022 or 0x1024,
        ArgKind.MmsghdrIn => true, // the kernel writes msg_len: strace prints the array at exit
        ArgKind.SeccompArgs => (uint)Reg(0) == 3, // SECCOMP_GET_NOTIF_SIZES fills a struct
        _ => false,
    };

    // MS_REMOUNT, MS_BIND, MS_MOVE and the propagation flags: mount ignores the type (and, but for remount, the data).
    private const ulong MountIgnoreType = 0x20 | 0x1000 | 0x2000 | 0x20000 | 0x40000 | 0x80000 | 0x100000;
    private const ulong MountIgnoreData = 0x1000 | 0x2000 | 0x20000 | 0x40000 | 0x80000 | 0x100000;

    /// <summary>mount's flags without the MS_MGC_VAL magic.</summary>
    private ulong MountFlagsArg
    {
        get
        {
            ulong flags = (uint)ArgValue(3);
            return (flags & 0xffff0000) == 0xc0ed0000 ? flags & 0xffff : flags;
        }
    }

    /// <summary>Registers an argument of this kind takes.</summary>
    private int RegisterCount(ArgKind kind) => kind switch
    {
        ArgKind.UInt64 or ArgKind.Offset64 or ArgKind.FanotifyMask => Is32 ? 2 : 1,
        ArgKind.OffsetLoHi or ArgKind.Offset64HiLo => 2,
        ArgKind.SigreturnMask => 0,
        _ => 1,
    };

    /// <summary>Kinds that take a register but print nothing.</summary>
    private static bool IsHidden(ArgKind kind) => kind == ArgKind.Skipped;

    /// <summary>A 64-bit value from one register (64-bit ABIs) or two (i386, low word first).</summary>
    private ulong Wide(int reg) => Is32 ? (uint)_c.Args[reg] | ((ulong)(uint)_c.Args[reg + 1] << 32) : Reg(reg);

    /// <summary>
    /// Output kinds that strace prints as a bare address when the call failed (the kernel wrote nothing).
    /// Exceptions, decoded in their own cases: recvmsg's msghdr ({msg_namelen=N}) and the kinds whose printers
    /// look at the failure themselves (sockopt values, paths, get_mempolicy...).
    /// </summary>
    private static bool IsAddressWhenFailed(ArgKind kind) => kind
            is ArgKind.ReadBuffer or ArgKind.SigsetOut or ArgKind.OldSigsetOut or ArgKind.SigactionOut
            or ArgKind.OldSigactionOut or ArgKind.RlimitOut or ArgKind.RlimitLongOut or ArgKind.IntPairOut
            or ArgKind.IntPtrOut or ArgKind.MmsghdrIn or ArgKind.MmsghdrOut or ArgKind.EpollEventsOut
            or ArgKind.SigaltstackOut or ArgKind.TimevalOut or ArgKind.TimezoneOut or ArgKind.ItimervalOut
            or ArgKind.ItimerspecOut or ArgKind.Itimerspec64Out or ArgKind.Stat64Out or ArgKind.Statfs64Out
            or ArgKind.StatxOut or ArgKind.UtsnameOut or ArgKind.RusageOut or ArgKind.TmsOut
            or ArgKind.SysinfoOut or ArgKind.SiginfoOut or ArgKind.SchedParamOut or ArgKind.CpuSetOut
            or ArgKind.UserCapDataOut or ArgKind.Offset64PtrOut or ArgKind.MincoreVecOut or ArgKind.MsgbufOut
            or ArgKind.TimerIdOut or ArgKind.MqAttrOut or ArgKind.SchedAttrOut or ArgKind.StatOut
            or ArgKind.StatfsOut;

    /// <summary>
    /// Pointers to structures and vectors, which -e verbose= leaves undecoded for the syscalls outside its set (strace's
    /// verbose(tcp) checks): `rt_sigaction(SIGUSR1, 0x7ffe..., NULL, 8)`, `execve("/bin/ls", 0x7ffd..., 0x7ffd...)`.
    /// Strings and data buffers stay decoded.
    /// </summary>
    private static bool IsStructure(ArgKind kind) => kind
            is ArgKind.IovecIn or ArgKind.IovecOut or ArgKind.SigsetIn or ArgKind.SigsetOut or ArgKind.SigactionIn
            or ArgKind.SigactionOut or ArgKind.RlimitIn or ArgKind.RlimitOut or ArgKind.SockaddrIn or ArgKind.SockaddrOut
            or ArgKind.IntPairOut or ArgKind.PollFds or ArgKind.MsghdrIn or ArgKind.MsghdrOut or ArgKind.EpollEvent
            or ArgKind.SigaltstackIn or ArgKind.SigaltstackOut or ArgKind.TimespecIn or ArgKind.TimespecOut
            or ArgKind.TimevalIn or ArgKind.TimevalOut or ArgKind.TimezoneOut or ArgKind.ItimervalIn or ArgKind.ItimervalOut
            or ArgKind.ItimerspecIn or ArgKind.ItimerspecOut or ArgKind.StatOut or ArgKind.StatfsOut or ArgKind.StatxOut
            or ArgKind.UtsnameOut or ArgKind.RusageOut or ArgKind.TmsOut or ArgKind.SysinfoOut or ArgKind.WaitStatusOut
            or ArgKind.SiginfoIn or ArgKind.SiginfoOut or ArgKind.StringArray or ArgKind.EnvArray
            or ArgKind.TimespecPairIn or ArgKind.TimevalPairIn or ArgKind.SchedParamIn or ArgKind.SchedParamOut
            or ArgKind.CpuSetIn or ArgKind.CpuSetOut or ArgKind.FdSetInOut or ArgKind.Stat64Out or ArgKind.Statfs64Out
            or ArgKind.Timespec64In or ArgKind.Timespec64Out or ArgKind.Timespec64PairIn or ArgKind.Itimerspec64In
            or ArgKind.Itimerspec64Out or ArgKind.OldSigactionIn or ArgKind.OldSigactionOut or ArgKind.OldSigsetIn
            or ArgKind.OldSigsetOut or ArgKind.RlimitLongIn or ArgKind.RlimitLongOut or ArgKind.MmsghdrIn
            or ArgKind.MmsghdrOut or ArgKind.EpollEventsOut or ArgKind.MqAttrIn or ArgKind.MqAttrOut
            or ArgKind.SchedAttrIn or ArgKind.SchedAttrOut or ArgKind.SigeventIn or ArgKind.UtimbufIn
            or ArgKind.TimezoneIn or ArgKind.SembufIn or ArgKind.SigsetPackIn or ArgKind.MsgbufIn or ArgKind.MsgbufOut;

    private void PrintArg(ArgKind kind, int index, int reg)
    {
        ulong v = Reg(reg);
        if (Failed && IsAddressWhenFailed(kind) || !_o.Structures && IsStructure(kind))
        {
            PrintAddress(v);
            return;
        }
        switch (kind)
        {
            // ---- numbers
            case ArgKind.Int: PrintInt(v); break;
            case ArgKind.Long: PrintLong(v); break;
            case ArgKind.UInt: PrintUInt(v); break;
            case ArgKind.ULong: PrintULong(v); break;
            case ArgKind.Size: PrintULong(v); break;
            case ArgKind.Hex when _c.Def.Name == "pkey_alloc" && index == 1:
                PrintFlags(Xlats.PkeyAccessRights, v, "PKEY_???");
                break;
            case ArgKind.Hex when _c.Def.Name == "perf_event_open" && index == 4:
                PrintFlags(Xlats.PerfEventOpenFlags, v, "PERF_FLAG_???");
                break;
            case ArgKind.Hex: PrintHex(v); break;
            case ArgKind.Unused: PrintHex(v); break;
            case ArgKind.Octal: PrintOctal(v); break;
            case ArgKind.Pointer: PrintAddress(v); break;
            case ArgKind.Sysctl: PrintAddress(v); break;
            case ArgKind.Mode: PrintModeNumber((ushort)v); break;
            case ArgKind.Umask: PrintModeNumber((ushort)v); break;
            case ArgKind.UIntHex: PrintUIntHex((uint)v, index); break;
            case ArgKind.UInt64: _b.Append(Wide(reg)); break;
            case ArgKind.Offset64: _b.Append((long)Wide(reg)); break;
            case ArgKind.OffsetLoHi:
                if (Is32) _b.Append((long)((uint)_c.Args[reg] | ((ulong)(uint)_c.Args[reg + 1] << 32)));
                else _b.Append((long)v);
                break;
            case ArgKind.Offset64HiLo:
                _b.Append((long)(((ulong)(uint)_c.Args[reg] << 32) | (uint)_c.Args[reg + 1]));
                break;
            case ArgKind.PageOffset: _b.AppendHex(v * 4096); break;
            case ArgKind.Uid16:
                if ((v & 0xffff) == 0xffff) _b.Append(-1);
                else _b.Append(v & 0xffff);
                break;
            case ArgKind.DevT: PrintDevT((uint)v); break;
            case ArgKind.IpcKey:
                if (v == 0) PrintNamedValue("IPC_PRIVATE"u8, 0);
                else _b.AppendHex((uint)v);
                break;
            case ArgKind.SigsetValue:
                {
                    Span<byte> set = stackalloc byte[4];
                    BinaryPrimitives.WriteUInt32LittleEndian(set, (uint)v);
                    AppendSigset(_b, set, Raw, VerboseSigset);
                    break;
                }
            case ArgKind.Pid: PrintInt(v); break;
            case ArgKind.Uid:
            case ArgKind.Gid:
                if ((uint)v == uint.MaxValue) _b.Append(-1);
                else _b.Append((ulong)(uint)v);
                break;

            // ---- descriptors and paths
            case ArgKind.Fd: PrintFd(v); break;
            case ArgKind.AtDirFd when _c.Def.Name == "fanotify_mark" && (int)v == -1: PrintNamedValue("FAN_NOFD"u8, -1); break;
            case ArgKind.AtDirFd: PrintDirFd(v); break;
            case ArgKind.Path: PrintPath(v); break;
            case ArgKind.String when _c.Def.Name is "mq_open" or "mq_unlink": PrintPath(v); break; // a name, not -s bound
            case ArgKind.String:
                if (_c.Def.Name == "mount" && index == 2 && (MountFlagsArg & MountIgnoreType) != 0) PrintAddress(v);
                else PrintString(v);
                break;
            case ArgKind.MountData:
                if ((MountFlagsArg & MountIgnoreData) != 0) PrintAddress(v);
                else PrintString(v);
                break;
            case ArgKind.PathOut: PrintPathOut(v, index); break;

            // ---- buffers
            case ArgKind.WriteBuffer when _c.Def.Name is "sendto" && NetlinkFamilyOf(Reg(0)) is var family and not NotNetlink:
                PrintNetlink(v, ArgValue(index + 1), family);
                break;
            case ArgKind.WriteBuffer when _c.Def.Name is "sethostname" or "setdomainname" && (uint)ArgValue(index + 1) > 64:
                PrintAddress(v); // longer than __NEW_UTS_LEN: strace does not read it
                break;
            case ArgKind.WriteBuffer: PrintBuffer(v, ArgValue(index + 1)); break;
            case ArgKind.ReadBuffer: PrintBuffer(v, ReadLength(index), forceHex: _c.Def.Name == "getrandom"); break;
            case ArgKind.IovecIn: PrintIovec(v, ArgValue(index + 1), -1); break;
            case ArgKind.IovecOut: PrintIovec(v, ArgValue(index + 1), Failed ? -2 : Ret); break;
            case ArgKind.RemoteIovec: PrintRemoteIovec(v, ArgValue(index + 1)); break;

            // ---- flags and constants
            case ArgKind.OpenFlags: PrintOpenFlags(v); break;
            case ArgKind.AtFlags:
            case ArgKind.UnlinkAtFlags: PrintFlags(Xlats.AtFlags, (uint)v, "AT_???"); break;
            case ArgKind.StatxFlags: PrintStatxFlags((uint)v); break;
            case ArgKind.FaccessatFlags: PrintFlags(Xlats.AtEaccess, (uint)v, "AT_???"); break;
            case ArgKind.AccessMode: PrintFlags(Xlats.AccessModes, (uint)v, "?_OK", "F_OK"); break;
            case ArgKind.Whence: PrintXval(Xlats.Whence, (uint)v, "SEEK_???"); break;
            case ArgKind.MmapProt: PrintMmapProt(v); break;
            case ArgKind.MmapFlags: PrintMmapFlags(v); break;
            case ArgKind.MadviseAdvice: PrintXval(Xlats.MadviseAdvice, (uint)v, "MADV_???"); break;
            case ArgKind.MremapFlags: PrintFlags(Xlats.MremapFlags, (uint)v, "MREMAP_???"); break;
            case ArgKind.MsyncFlags: PrintFlags(Xlats.MsyncFlags, (uint)v, "MS_???"); break;
            case ArgKind.CloneFlags: PrintCloneFlags(v, withSignal: true); break;
            case ArgKind.UnshareFlags: PrintFlags(Xlats.UnshareFlags, (uint)v, "CLONE_???"); break;
            case ArgKind.SetnsType: PrintFlags(Xlats.SetnsTypes, (uint)v, "CLONE_NEW???"); break;
            case ArgKind.WaitOptions: PrintFlags(Xlats.WaitOptions, (uint)v, "W???"); break;
            case ArgKind.Signal: PrintSignal(v); break;
            case ArgKind.SignalHandler: PrintSigHandler(v); break;
            case ArgKind.SigprocmaskHow: PrintXval(Xlats.SigprocmaskHows, (uint)v, "SIG_???"); break;
            case ArgKind.SigsetIn: PrintSigsetAt(v, SigsetSizeFor(index)); break;
            case ArgKind.SigsetOut: PrintSigsetAt(v, SigsetSizeFor(index)); break;
            case ArgKind.OldSigsetIn: PrintOldSigset(v); break;
            case ArgKind.OldSigsetOut: PrintOldSigset(v); break;
            case ArgKind.SigactionIn: PrintSigaction(v); break;
            case ArgKind.SigactionOut: PrintSigaction(v); break;
            case ArgKind.OldSigactionIn: PrintOldSigaction(v); break;
            case ArgKind.OldSigactionOut: PrintOldSigaction(v); break;
            case ArgKind.ArchPrctlCode: PrintXval(Xlats.ArchPrctlCodes, (uint)v, "ARCH_???"); break;
            case ArgKind.ArchPrctlArg: PrintArchPrctlArg(v); break;
            case ArgKind.PrctlOption: PrintXval(Xlats.PrctlOptions, (uint)v, "PR_???"); break;
            case ArgKind.PrctlArg: PrintHex(v); break;
            case ArgKind.RlimitResource: PrintXval(Xlats.RlimitResources, (uint)v, "RLIMIT_???"); break;
            case ArgKind.RlimitIn: PrintRlimit(v, wide: true); break;
            case ArgKind.RlimitOut: PrintRlimit(v, wide: true); break;
            case ArgKind.RlimitLongIn: PrintRlimit(v, wide: !Is32); break;
            case ArgKind.RlimitLongOut: PrintRlimit(v, wide: !Is32); break;
            case ArgKind.FcntlCommand: PrintXval(Xlats.FcntlCommands, (uint)v, "F_???"); break;
            case ArgKind.FcntlArg: PrintHex(v); break;
            case ArgKind.IoctlRequest: PrintIoctlRequest((uint)v); break;
            case ArgKind.IoctlArg: PrintHex(v); break;
            case ArgKind.FutexOp: PrintFutexOp((uint)v); break;
            case ArgKind.SocketFamily: PrintSocketFamily(v); break;
            case ArgKind.SocketType: PrintSocketType(v); break;
            case ArgKind.SocketProtocol:
                if (_c.Def.Name == "socketpair") _b.Append((int)v);
                else PrintSocketProtocol(v, ArgValue(0));
                break;
            case ArgKind.SocketLevel: PrintSocketLevel(v); break;
            case ArgKind.SocketOption: PrintSocketOption(v, ArgValue(index - 1)); break;
            case ArgKind.SocketOptionValue:
                PrintSockoptValue(v, (int)ArgValue(index + 1), ArgValue(index - 2), ArgValue(index - 1), isSet: true);
                break;
            case ArgKind.SocketOptionValueOut:
                {
                    ulong lenAddr = ArgValue(index + 1);
                    if (Failed || lenAddr == 0 || !_c.Memory.TryRead(lenAddr, out int optlen)) PrintAddress(v);
                    else PrintSockoptValue(v, optlen, ArgValue(index - 2), ArgValue(index - 1), isSet: false);
                    break;
                }
            case ArgKind.SendFlags: PrintFlags(Xlats.MsgFlags, (uint)v, "MSG_???"); break;
            case ArgKind.ShutdownHow: PrintXval(Xlats.ShutdownHows, (uint)v, "SHUT_???"); break;
            case ArgKind.SockaddrIn: PrintSockaddr(v, (int)ArgValue(index + 1)); break;
            case ArgKind.SockaddrOut:
                if (Failed || v == 0) PrintAddress(v);
                else PrintSockaddr(v, SockaddrOutLength(ArgValue(index + 1)));
                break;
            case ArgKind.SocklenPtr: PrintSocklen(v); break;
            case ArgKind.IntPairOut: PrintIntPair(v); break;
            case ArgKind.IntPtrIn: PrintIntAt(v); break;
            case ArgKind.IntPtrOut: PrintIntAt(v); break;
            case ArgKind.PollFds: PrintPollFds(v, ArgValue(index + 1)); break;
            case ArgKind.MsghdrIn: PrintMsghdr(v, -1); break;
            case ArgKind.MsghdrOut:
                if (Failed) PrintMsghdrNamelen(v);
                else PrintMsghdr(v, Ret);
                break;
            case ArgKind.MmsghdrIn: PrintMmsghdr(v, (ulong)Ret, input: true); break;
            case ArgKind.MmsghdrOut: PrintMmsghdr(v, (ulong)Ret, input: false); break;
            case ArgKind.ClockId: PrintClockId(v); break;
            case ArgKind.TimerFlags: PrintFlags(Xlats.TimerFlags, (uint)v, "TIMER_???"); break;
            case ArgKind.ItimerWhich: PrintXval(Xlats.ItimerWhich, (uint)v, "ITIMER_???"); break;
            case ArgKind.RusageWho: PrintXvalInt(Xlats.RusageWho, (int)v, "RUSAGE_???"); break;
            case ArgKind.PriorityWhich: PrintXval(Xlats.PriorityWhich, (uint)v, "PRIO_???"); break;
            case ArgKind.GrndFlags: PrintFlags(Xlats.GrndFlags, (uint)v, "GRND_???"); break;
            case ArgKind.XattrFlags: PrintFlags(Xlats.XattrFlags, (uint)v, "XATTR_???"); break;
            case ArgKind.RenameFlags: PrintFlags(Xlats.RenameFlags, (uint)v, "RENAME_??"); break;
            case ArgKind.StatxMask: PrintFlags(Xlats.StatxMask, (uint)v, "STATX_???"); break;
            case ArgKind.EpollCtlOp: PrintXval(Xlats.EpollCtlOps, (uint)v, "EPOLL_CTL_???"); break;
            case ArgKind.EpollEvent: PrintEpollEvents(v, 1, single: true); break;
            case ArgKind.EpollEventsOut: PrintEpollEvents(v, (ulong)Ret, single: false); break;
            case ArgKind.PersonalityFlags: PrintPersonality((uint)v); break;
            case ArgKind.SchedPolicy: PrintSchedPolicy((uint)v); break;
            case ArgKind.MountFlags: PrintMountFlags(v); break;
            case ArgKind.UmountFlags: PrintFlags(Xlats.UmountFlags, (uint)v, "MNT_???"); break;
            case ArgKind.IpcFlags: PrintFlagsWithMode(Xlats.IpcFlags, (uint)v, "IPC_???"); break;
            case ArgKind.ShmgetFlags: PrintShmgetFlags((uint)v); break;
            case ArgKind.ShmatFlags: PrintFlags(Xlats.ShmatFlags, (uint)v, "SHM_???"); break;
            case ArgKind.ShmctlCmd: PrintIpcCmd((uint)v, "SHM_???"); break;
            case ArgKind.SemctlCmd: PrintIpcCmd((uint)v, "SEM_???"); break;
            case ArgKind.MsgctlCmd: PrintIpcCmd((uint)v, "MSG_???"); break;
            case ArgKind.MsgFlags: PrintMsgFlags((uint)v); break;
            case ArgKind.MlockFlags: PrintFlags(Xlats.Mlock2Flags, (uint)v, "MLOCK_???"); break;
            case ArgKind.MlockallFlags: PrintFlags(Xlats.MlockallFlags, (uint)v, "MCL_???"); break;
            case ArgKind.MembarrierCmd: PrintXval(Xlats.MembarrierCmds, (uint)v, "MEMBARRIER_CMD_???"); break;
            case ArgKind.MembarrierFlags:
                if ((uint)v == 0) _b.Append((byte)'0');
                else if ((uint)v == 1 && !Raw) _b.Append("MEMBARRIER_CMD_FLAG_CPU"u8);
                else if (((uint)v & 1) != 0 && !Raw) _b.Append("MEMBARRIER_CMD_FLAG_CPU|"u8).AppendHex((uint)v & ~1u);
                else _b.AppendHex((uint)v);
                break;
            case ArgKind.SeccompOp: PrintXval(Xlats.SeccompOps, (uint)v, "SECCOMP_SET_MODE_???"); break;
            case ArgKind.SeccompFlags when (uint)ArgValue(0) != 1: _b.AppendHex((uint)v); break; // named for SET_MODE_FILTER only
            case ArgKind.SeccompFlags: PrintFlags(Xlats.SeccompFilterFlags, (uint)v, "SECCOMP_FILTER_FLAG_???"); break;
            case ArgKind.SeccompArgs: PrintSeccompArgs(v, ArgValue(0)); break;
            case ArgKind.PtraceRequest: PrintXval(Xlats.PtraceRequests, v, "PTRACE_???"); break;
            case ArgKind.PtraceAddr: PrintHex(v); break;
            case ArgKind.PtraceData: PrintHex(v); break;
            case ArgKind.KeyctlCommand: PrintXval(Xlats.KeyctlCommands, (uint)v, "KEYCTL_???"); break;
            case ArgKind.BpfCommand: PrintXval(Xlats.BpfCommands, (uint)v, "BPF_???"); break;
            case ArgKind.Capabilities: PrintXval(Xlats.Capabilities, (uint)v, "CAP_???"); break;
            case ArgKind.SigaltstackIn: PrintStackT(v); break;
            case ArgKind.SigaltstackOut: PrintStackT(v); break;
            case ArgKind.EventfdFlags: PrintFlags(Xlats.EventfdFlags, (uint)v, "EFD_???"); break;
            case ArgKind.InotifyMask: PrintFlags(Xlats.InotifyMask, (uint)v, "IN_???"); break;
            case ArgKind.InotifyInitFlags: PrintFlags(Xlats.InotifyInitFlags, (uint)v, "IN_???"); break;
            case ArgKind.TimerfdFlags: PrintFlags(Xlats.TimerfdFlags, (uint)v, "TFD_???"); break;
            case ArgKind.MemfdFlags: PrintMemfdFlags((uint)v); break;
            case ArgKind.Dup3Flags when _c.Def.Name == "memfd_secret" && ((uint)v & ~0x80000u) != 0: PrintHex((uint)v); break;
            case ArgKind.PipeFlags when _c.Def.Name == "userfaultfd": PrintFlags(Xlats.UserfaultfdFlags, (uint)v, "UFFD_???"); break;
            case ArgKind.PipeFlags:
            case ArgKind.Dup3Flags: PrintOpenFlags(v, accessMode: false); break;
            case ArgKind.SpliceFlags: PrintFlags(Xlats.SpliceFlags, (uint)v, "SPLICE_F_???"); break;
            case ArgKind.FallocateMode: PrintFlags(Xlats.FallocateModes, (uint)v, "FALLOC_FL_???"); break;
            case ArgKind.FlockOp: PrintFlags(Xlats.FlockOps, (uint)v, "LOCK_???"); break;
            case ArgKind.FadviseAdvice: PrintXval(Xlats.FadviseAdvice, (uint)v, "POSIX_FADV_???"); break;
            case ArgKind.SyncFileRangeFlags: PrintFlags(Xlats.SyncFileRangeFlags, (uint)v, "SYNC_FILE_RANGE_???"); break;
            case ArgKind.SockFlags: PrintFlags(Xlats.SocketTypeFlags, (uint)v, "SOCK_???"); break;
            case ArgKind.SignalfdFlags: PrintFlags(Xlats.SignalfdFlags, (uint)v, "SFD_???"); break;
            case ArgKind.EpollCreateFlags: PrintFlags(Xlats.EpollCreateFlags, (uint)v, "EPOLL_???"); break;
            case ArgKind.IdType: PrintXval(Xlats.IdTypes, (uint)v, "P_???"); break;
            case ArgKind.IoprioWho: PrintIoprioWho((uint)v); break;
            case ArgKind.IoprioValue: PrintIoprioValue((uint)v); break;
            case ArgKind.FanotifyInitFlags: PrintFanotifyInitFlags((uint)v); break;
            case ArgKind.FanotifyMarkFlags: PrintFlags(Xlats.FanotifyMarkFlags, (uint)v, "FAN_MARK_???"); break;
            case ArgKind.FanotifyMask: PrintFlags(Xlats.FanotifyEvents, Wide(reg), "FAN_???"); break;
            case ArgKind.RwfFlags: PrintRwfFlags((uint)v); break;
            case ArgKind.PidfdOpenFlags: PrintFlags(Xlats.PidfdFlags, (uint)v, "PIDFD_???"); break;
            case ArgKind.CloseRangeFlags: PrintFlags(Xlats.CloseRangeFlags, (uint)v, "CLOSE_RANGE_???"); break;
            case ArgKind.SyslogAction: PrintSyslogAction((int)v); break;
            case ArgKind.DeleteModuleFlags: PrintFlags(Xlats.DeleteModuleFlags, (uint)v, "O_???"); break;
            case ArgKind.FinitModuleFlags: PrintFlags(Xlats.FinitModuleFlags, (uint)v, "MODULE_INIT_???"); break;
            case ArgKind.MknodMode: PrintModeWithType(v); break;

            // ---- structures
            case ArgKind.TimespecIn: PrintTimeAt(v, nanoseconds: true); break;
            case ArgKind.Timespec64In: PrintTimespec64(v); break;
            case ArgKind.TimespecOut: PrintTimeOut(v, index, nanoseconds: true, wide: false); break;
            case ArgKind.Timespec64Out: PrintTimeOut(v, index, nanoseconds: true, wide: true); break;
            case ArgKind.TimevalIn: PrintTimeAt(v, nanoseconds: false); break;
            case ArgKind.TimevalOut: PrintTimeAt(v, nanoseconds: false); break;
            case ArgKind.TimezoneIn: PrintTimezone(v); break;
            case ArgKind.TimezoneOut: PrintTimezone(v); break;
            case ArgKind.ItimervalIn: PrintTimerValue(v, nanoseconds: false); break;
            case ArgKind.ItimervalOut: PrintTimerValue(v, nanoseconds: false); break;
            case ArgKind.ItimerspecIn: PrintTimerValue(v, nanoseconds: true); break;
            case ArgKind.ItimerspecOut: PrintTimerValue(v, nanoseconds: true); break;
            case ArgKind.Itimerspec64In: PrintItimerspec64(v); break;
            case ArgKind.Itimerspec64Out: PrintItimerspec64(v); break;
            case ArgKind.StatOut:
            case ArgKind.Stat64Out: PrintStat(v, oldI386Layout: Is32 && kind == ArgKind.StatOut); break;
            case ArgKind.StatfsOut:
            case ArgKind.Statfs64Out: PrintStatfs(v); break;
            case ArgKind.StatxOut: PrintStatx(v); break;
            case ArgKind.UtsnameOut: PrintUtsname(v); break;
            case ArgKind.RusageOut: PrintRusage(v); break;
            case ArgKind.TmsOut: PrintTms(v); break;
            case ArgKind.SysinfoOut: PrintSysinfo(v); break;
            case ArgKind.WaitStatusOut:
                if (Failed || Ret == 0 || v == 0) PrintAddress(v);
                else PrintWaitStatusAt(v);
                break;
            case ArgKind.SiginfoIn: PrintSiginfoAt(v); break;
            case ArgKind.SiginfoOut: PrintSiginfoOut(v); break;
            case ArgKind.DirentsOut: PrintDirents(v, Ret, is64: true); break;
            case ArgKind.OldDirentsOut: PrintDirents(v, Ret, is64: false); break;
            case ArgKind.StringArray: PrintStringArray(v); break;
            case ArgKind.EnvArray: PrintEnvArray(v); break;
            case ArgKind.TimespecPairIn: PrintTimePairArray(v, nanoseconds: true); break;
            case ArgKind.Timespec64PairIn: PrintTimespec64Pair(v); break;
            case ArgKind.TimevalPairIn: PrintTimePairArray(v, nanoseconds: false); break;
            case ArgKind.SchedParamIn: PrintIntAt(v); break;
            case ArgKind.SchedParamOut: PrintIntAt(v); break;
            case ArgKind.CpuSetIn: PrintCpuSet(v, ArgValue(index - 1)); break;
            case ArgKind.CpuSetOut: PrintCpuSet(v, (ulong)Ret); break;
            case ArgKind.UserCapHeader: PrintCapHeader(v); break;
            case ArgKind.UserCapData: PrintCapData(v); break;
            case ArgKind.UserCapDataOut: PrintCapData(v); break;
            case ArgKind.RobustListHead: PrintAddress(v); break;
            case ArgKind.Rseq: PrintAddress(v); break;
            case ArgKind.CloneArgs: PrintCloneArgs(v, ArgValue(index + 1)); break;
            case ArgKind.OpenHow: PrintOpenHow(v, ArgValue(index + 1)); break;
            case ArgKind.FdSetInOut: PrintFdSet(v, (int)ArgValue(0)); break;
            case ArgKind.HexPtrOut:
                if (Failed || v == 0) PrintAddress(v);
                else if (TryReadWord(v, out ulong word)) _b.Append((byte)'[').AppendHex(word).Append((byte)']');
                else PrintAddress(v);
                break;
            case ArgKind.SizePtrOut:
                if (Failed || v == 0) PrintAddress(v);
                else if (TryReadWord(v, out ulong size)) _b.Append((byte)'[').Append(size).Append((byte)']');
                else PrintAddress(v);
                break;
            case ArgKind.UIntPtrOut:
                if (Failed || v == 0) PrintAddress(v);
                else if (_c.Memory.TryRead(v, out uint u)) _b.Append((byte)'[').Append((ulong)u).Append((byte)']');
                else PrintAddress(v);
                break;
            case ArgKind.UidPtrOut:
                if (Failed || v == 0) PrintAddress(v);
                else if (_c.Memory.TryRead(v, out uint uid))
                {
                    _b.Append((byte)'[');
                    if (uid == uint.MaxValue) _b.Append(-1);
                    else _b.Append((ulong)uid);
                    _b.Append((byte)']');
                }
                else PrintAddress(v);
                break;
            case ArgKind.OffsetPtrInOut:
            case ArgKind.Offset64PtrIn:
            case ArgKind.Offset64PtrInOut:
                PrintOffsetAt(v, kind == ArgKind.OffsetPtrInOut && Is32);
                break;
            case ArgKind.Offset64PtrOut: PrintOffsetAt(v, narrow: false); break;
            case ArgKind.TimeOut: PrintTimeOutArg(v); break;
            case ArgKind.GidArrayIn: PrintGidArray(v, ArgValue(index - 1)); break;
            case ArgKind.GidArrayOut:
                if (Failed || v == 0) PrintAddress(v);
                else PrintGidArray(v, (ulong)Ret);
                break;
            case ArgKind.MincoreVecOut: PrintMincore(v, ArgValue(index - 1)); break;
            case ArgKind.SigreturnMask: PrintSigreturnMask(); break;
            case ArgKind.SembufIn: PrintSembuf(v, ArgValue(index + 1)); break;
            case ArgKind.SemctlArg:
                if ((ArgValue(index - 1) & 0xff) == 16) PrintHex(v); // SETVAL: the value
                else PrintAddress(v);
                break;
            case ArgKind.SemctlArgIndirect:
                if (_c.Memory.TryRead(v, out uint semun))
                {
                    _b.Append((byte)'[');
                    PrintAddress(semun);
                    _b.Append((byte)']');
                }
                else PrintAddress(v);
                break;
            case ArgKind.ShmidDs:
            case ArgKind.MsqidDs: PrintAddress(v); break;
            case ArgKind.MsgbufIn: PrintMsgbuf(v, ArgValue(index + 1)); break;
            case ArgKind.MsgbufOut: PrintMsgbuf(v, ArgValue(index + 1)); break;
            case ArgKind.UtimbufIn: PrintUtimbuf(v); break;
            case ArgKind.UstatOut: PrintAddress(v); break;
            case ArgKind.UserDesc: PrintUserDesc(v); break;
            case ArgKind.Timex:
            case ArgKind.Timex64: PrintAddress(v); break;
            case ArgKind.SigeventIn: PrintSigevent(v); break;
            case ArgKind.TimerIdOut: PrintIntAt(v); break;
            case ArgKind.MqAttrIn: PrintMqAttr(v); break;
            case ArgKind.MqAttrOut: PrintMqAttr(v); break;
            case ArgKind.SigsetPackIn: PrintSigsetPack(v); break;
            case ArgKind.SchedAttrIn: PrintSchedAttr(v); break;
            case ArgKind.SchedAttrOut: PrintSchedAttr(v, (uint)ArgValue(index + 1)); break;
            case ArgKind.OldSelectArgs:
            case ArgKind.OldMmapArgs:
            case ArgKind.SocketcallArgs: PrintAddress(v); break;
            case ArgKind.SocketcallCall:
            case ArgKind.IpcCall: PrintInt(v); break;
            case ArgKind.Skipped: break;
            default: PrintHex(v); break;
        }
    }

    // ------------------------------------------------------------------ small decoders used above

    /// <summary>The bytes a read-like call wrote: its return value, but no more than the buffer (MSG_TRUNC returns more).</summary>
    private ulong ReadLength(int index)
    {
        ulong rv = (ulong)Ret;
        if (_c.Def.Name.EndsWith("getxattr", StringComparison.Ordinal)) return rv; // strace prints what the kernel returned, whatever the size
        if (index + 1 < Kinds.Length && Kinds[index + 1] is ArgKind.Size or ArgKind.ULong or ArgKind.UInt or ArgKind.Int)
        {
            ulong size = ArgValue(index + 1);
            if (Kinds[index + 1] is ArgKind.UInt or ArgKind.Int) size = (uint)size;
            if (size < rv) return size;
        }
        return rv;
    }

    /// <summary>An unsigned int in hex; a few flag arguments strace decodes are named here.</summary>
    private void PrintUIntHex(uint v, int index)
    {
        if (MountApiFlags(index) is var (table, dflt))
        {
            PrintFlags(table, v, dflt);
            return;
        }
        if (_c.Def.Name == "open_tree" && index == 2)
        {
            PrintOpenTreeFlags(v);
            return;
        }
        _b.AppendHex(v);
    }

    private void PrintOpenTreeFlags(uint v)
    {
        if (BeginVerbose(out int mark))
        {
            PrintOpenTreeFlags(v);
            int namesAt = VerboseNames();
            PrintOpenTreeFlags(v);
            EndVerbose(mark, namesAt);
            return;
        }
        if (!Raw)
        {
            if (v == 0)
            {
                _b.Append((byte)'0');
                return;
            }
            ulong rest = v;
            bool any = false;
            if ((rest & 1) != 0) { _b.Append("OPEN_TREE_CLONE"u8); rest &= ~1UL; any = true; }
            if ((rest & 0x80000) != 0) { if (any) _b.Append((byte)'|'); _b.Append("OPEN_TREE_CLOEXEC"u8); rest &= ~0x80000UL; any = true; }
            if (rest != 0)
            {
                if (any) AppendFlagNames(Xlats.AtFlags, ref rest, first: false);
                else any = AppendFlagNames(Xlats.AtFlags, ref rest, first: true);
                if (rest != 0)
                {
                    if (any) _b.Append((byte)'|');
                    _b.AppendHex(rest);
                }
            }
            return;
        }
        _b.AppendHex(v);
    }

    private void PrintIntAt(ulong address)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        if (_c.Memory.TryRead(address, out int value)) _b.Append((byte)'[').Append(value).Append((byte)']');
        else _b.AppendHex(address);
    }

    /// <summary>int[2] of descriptors: [3, 4] (with -y paths).</summary>
    private void PrintIntPair(ulong address)
    {
        Span<int> pair = stackalloc int[2];
        if (!_c.Memory.TryRead(address, System.Runtime.InteropServices.MemoryMarshal.AsBytes(pair)))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append((byte)'[');
        PrintFd((ulong)(long)pair[0]);
        _b.Append(", "u8);
        PrintFd((ulong)(long)pair[1]);
        _b.Append((byte)']');
    }

    private void PrintOffsetAt(ulong address, bool narrow)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        if (narrow)
        {
            if (_c.Memory.TryRead(address, out int o32)) _b.Append((byte)'[').Append(o32).Append((byte)']');
            else _b.AppendHex(address);
            return;
        }
        if (_c.Memory.TryRead(address, out long o)) _b.Append((byte)'[').Append(o).Append((byte)']');
        else _b.AppendHex(address);
    }

    /// <summary>A kernel-written path (getcwd: up to the NUL, not limited by -s) or link target (readlink: -s).</summary>
    private void PrintPathOut(ulong address, int index)
    {
        if (Failed)
        {
            PrintAddress(address);
            return;
        }
        switch (_c.Def.Name)
        {
            case "getcwd":
            case "lookup_dcookie":
                PrintCString(address, (int)Math.Min((ulong)Math.Max(Ret, 0), PathLimit));
                break;
            default:
                PrintBuffer(address, (ulong)Ret);
                break;
        }
        _ = index;
    }

    private void PrintDevT(uint dev)
    {
        if (BeginVerbose(out int mark))
        {
            PrintDevT(dev);
            int namesAt = VerboseNames();
            PrintDevT(dev);
            EndVerbose(mark, namesAt);
            return;
        }
        if (Raw)
        {
            _b.AppendHex(dev);
            return;
        }
        _b.Append("makedev("u8).AppendHex((dev & 0xfff00) >> 8).Append(", "u8)
          .AppendHex((dev & 0xff) | ((dev >> 12) & 0xfff00)).Append((byte)')');
    }

    private void PrintStatxFlags(uint value)
    {
        if (VerboseParts)
        {
            PrintFlags(Xlats.AtStatxSync, value & 0x6000, null, "AT_STATX_SYNC_AS_STAT");
            if ((value & ~0x6000u) == 0) return;
            _b.Append((byte)'|');
            PrintFlags(Xlats.AtFlags, value & ~0x6000u, null);
            return;
        }
        if (Raw)
        {
            // strace prints the sync type and the other flags apart (and nothing for a zero sync type).
            uint rawSync = value & 0x6000, rawRest = value & ~0x6000u;
            if (rawSync != 0) _b.AppendHex(rawSync);
            if (rawRest != 0) _b.Append((byte)'|').AppendHex(rawRest);
            return;
        }
        ulong sync = value & 0x6000;
        ulong rest = value & ~0x6000u;
        if (sync == 0) _b.Append("AT_STATX_SYNC_AS_STAT"u8);
        else AppendFlagNames(Xlats.AtStatxSync, ref sync, first: true);
        if (rest == 0) return;
        AppendFlagNames(Xlats.AtFlags, ref rest, first: false);
        if (rest != 0) _b.Append((byte)'|').AppendHex(rest);
    }

    private void PrintClockId(ulong value)
    {
        if (BeginVerbose(out int mark))
        {
            PrintClockId(value);
            int namesAt = VerboseNames();
            PrintClockId(value);
            EndVerbose(mark, namesAt);
            return;
        }
        int id = (int)value;
        string? name = Raw ? null : Xlats.ClockIds.Lookup((uint)id);
        if (name is not null) _b.Append(name);
        else if (Raw) _b.AppendHex((uint)id);
        else _b.AppendHex((uint)id).Append(" /* CLOCK_??? */"u8);
    }

    /// <summary>Flags followed by permission bits: IPC_CREAT|IPC_EXCL|0600 (strace prints the parts apart: 0x600|0600).</summary>
    private void PrintFlagsWithMode(Xlat table, uint value, string dflt)
    {
        ulong flags = value & ~0x1ffu;
        if (flags != 0)
        {
            PrintFlags(table, flags, dflt);
            _b.Append((byte)'|');
        }
        PrintModeNumber(value & 0x1ff);
    }

    private void PrintShmgetFlags(uint value)
    {
        ulong flags = value & ~0x1ffu & ~(0x3fu << 26);
        uint huge = (value >> 26) & 0x3f;
        if (flags != 0)
        {
            PrintFlags(Xlats.ShmgetFlags, flags, "SHM_???");
            _b.Append((byte)'|');
        }
        if (huge != 0)
        {
            _b.Append(huge);
            if (Raw) _b.Append("<<26"u8);
            else if (VerboseParts) _b.Append("<<26 /* SHM_HUGE_SHIFT */"u8);
            else _b.Append("<<SHM_HUGE_SHIFT"u8);
            _b.Append((byte)'|');
        }
        PrintModeNumber(value & 0x1ff);
    }

    private void PrintIpcCmd(uint value, string dflt)
    {
        if ((value & 0x100) != 0)
        {
            if (Raw) _b.Append("0x100|"u8);
            else if (VerboseParts) _b.Append("0x100 /* IPC_64 */|"u8);
            else _b.Append("IPC_64|"u8);
        }
        Xlat table = _c.Def.Name switch
        {
            "semctl" => Xlats.SemCommands,
            "msgctl" => Xlats.MsgCommands,
            _ => Xlats.ShmCommands,
        };
        PrintXval(table, value & ~0x100u, dflt);
    }

    private void PrintMsgFlags(uint value)
    {
        if (BeginVerbose(out int mark))
        {
            PrintMsgFlags(value);
            int namesAt = VerboseNames();
            PrintMsgFlags(value);
            EndVerbose(mark, namesAt);
            return;
        }
        if (value == 0 || Raw)
        {
            _b.AppendHex(value);
            return;
        }
        ulong v = value;
        bool any = false;
        if ((v & 0x800) != 0) { _b.Append("IPC_NOWAIT"u8); v &= ~0x800UL; any = true; }
        if ((v & 0x1000) != 0) { if (any) _b.Append((byte)'|'); _b.Append("MSG_NOERROR"u8); v &= ~0x1000UL; any = true; }
        if ((v & 0x2000) != 0) { if (any) _b.Append((byte)'|'); _b.Append("MSG_EXCEPT"u8); v &= ~0x2000UL; any = true; }
        if ((v & 0x4000) != 0) { if (any) _b.Append((byte)'|'); _b.Append("MSG_COPY"u8); v &= ~0x4000UL; any = true; }
        if (v != 0)
        {
            if (any) _b.Append((byte)'|');
            _b.AppendHex(v);
        }
    }

    private void PrintMemfdFlags(uint value)
    {
        if (BeginVerbose(out int mark))
        {
            PrintMemfdFlags(value);
            int namesAt = VerboseNames();
            PrintMemfdFlags(value);
            EndVerbose(mark, namesAt);
            return;
        }
        if (Raw)
        {
            _b.AppendHex(value);
            return;
        }
        if (value == 0)
        {
            _b.Append((byte)'0');
            return;
        }
        uint huge = (value >> 26) & 0x3f;
        ulong flags = value & ~(0x3fu << 26);
        bool any = AppendFlagNames(Xlats.MemfdFlags, ref flags, first: true);
        if (flags != 0)
        {
            if (any) _b.Append((byte)'|');
            _b.AppendHex(flags);
            if (!any && huge == 0) _b.Append(" /* MFD_??? */"u8);
            any = true;
        }
        if (huge != 0)
        {
            if (any) _b.Append((byte)'|');
            _b.Append(huge).Append("<<MFD_HUGE_SHIFT"u8);
        }
    }

    /// <summary>mount's flags: MS_MGC_VAL (the old magic in the high half) apart, then the MS_* flags.</summary>
    private void PrintMountFlags(ulong value)
    {
        ulong v = value;
        if ((v & 0xffff0000) == 0xc0ed0000)
        {
            if (Raw) _b.AppendHex(0xc0ed0000);
            else if (VerboseParts) _b.Append("0xc0ed0000 /* MS_MGC_VAL */"u8);
            else _b.Append("MS_MGC_VAL"u8);
            v &= 0xffff;
            if (v == 0) return;
            _b.Append((byte)'|');
        }
        PrintFlags(Xlats.MountFlags, v, "MS_???");
    }

    private void PrintPersonality(uint value)
    {
        if (BeginVerbose(out int mark))
        {
            PrintPersonality(value);
            int namesAt = VerboseNames();
            PrintPersonality(value);
            EndVerbose(mark, namesAt);
            return;
        }
        if (value == uint.MaxValue)
        {
            _b.AppendHex(value);
            return;
        }
        if (Raw)
        {
            _b.AppendHex(value & 0xff);
            if ((value & ~0xffu) != 0) _b.Append((byte)'|').AppendHex(value & ~0xffu);
            return;
        }
        AppendPersonality(value);
    }

    private void AppendPersonality(uint value)
    {
        uint type = value & 0xff;
        string? name = null;
        foreach (XlatEntry e in Xlats.PersonalityTypes.Entries)
        {
            if (e.Value == type)
            {
                name = e.Name;
                break;
            }
        }
        if (name is not null) _b.Append(name);
        else _b.AppendHex(type).Append(" /* PER_??? */"u8);
        ulong flags = value & ~0xffu;
        if (flags == 0) return;
        AppendFlagNames(Xlats.PersonalityFlags, ref flags, first: false);
        if (flags != 0) _b.Append((byte)'|').AppendHex(flags);
    }

    private void PrintSchedPolicy(uint value)
    {
        if (BeginVerbose(out int mark))
        {
            PrintSchedPolicy(value);
            int namesAt = VerboseNames();
            PrintSchedPolicy(value);
            EndVerbose(mark, namesAt);
            return;
        }
        if (Raw)
        {
            _b.AppendHex(value);
            return;
        }
        // strace 6.1 does not split SCHED_RESET_ON_FORK off: 0x40000000 /* SCHED_??? */.
        string? name = Xlats.SchedPolicies.Lookup(value);
        if (name is null) _b.AppendHex(value).Append(" /* SCHED_??? */"u8);
        else _b.Append(name);
    }

    private void PrintIoprioWho(uint value)
    {
        if (Raw)
        {
            _b.AppendHex(value);
            return;
        }
        switch (value)
        {
            case 1: _b.Append("IOPRIO_WHO_PROCESS"u8); break;
            case 2: _b.Append("IOPRIO_WHO_PGRP"u8); break;
            case 3: _b.Append("IOPRIO_WHO_USER"u8); break;
            default: _b.AppendHex(value).Append(" /* IOPRIO_WHO_??? */"u8); break;
        }
    }

    private void PrintIoprioValue(uint value)
    {
        if (Raw)
        {
            _b.Append((ulong)value);
            return;
        }
        uint cls = value >> 13, data = value & 0x1fff;
        _b.Append("IOPRIO_PRIO_VALUE("u8);
        switch (cls)
        {
            case 0: _b.Append("IOPRIO_CLASS_NONE"u8); break;
            case 1: _b.Append("IOPRIO_CLASS_RT"u8); break;
            case 2: _b.Append("IOPRIO_CLASS_BE"u8); break;
            case 3: _b.Append("IOPRIO_CLASS_IDLE"u8); break;
            default: _b.AppendHex(cls).Append(" /* IOPRIO_CLASS_??? */"u8); break;
        }
        _b.Append(", "u8).Append((ulong)data).Append((byte)')');
    }

    private void PrintFanotifyInitFlags(uint value)
    {
        if (VerboseParts)
        {
            uint klass = value & 0xc;
            _b.AppendHex(klass);
            string? clsName = klass switch { 0 => "FAN_CLASS_NOTIF", 4 => "FAN_CLASS_CONTENT", 8 => "FAN_CLASS_PRE_CONTENT", _ => null };
            _b.Append(" /* "u8).Append(clsName ?? "FAN_CLASS_???").Append(" */"u8);
            if ((value & ~0xcu) == 0) return;
            _b.Append((byte)'|');
            PrintFlags(Xlats.FanotifyInitFlags, value & ~0xcu, "FAN_???");
            return;
        }
        if (Raw)
        {
            // strace prints the class and the flags apart: 0x4|0x200.
            _b.AppendHex(value & 0xc);
            if ((value & ~0xcu) != 0) _b.Append((byte)'|').AppendHex(value & ~0xcu);
            return;
        }
        uint cls = value & 0xc;
        switch (cls)
        {
            case 0: _b.Append("FAN_CLASS_NOTIF"u8); break;
            case 4: _b.Append("FAN_CLASS_CONTENT"u8); break;
            case 8: _b.Append("FAN_CLASS_PRE_CONTENT"u8); break;
            default: _b.AppendHex(cls).Append(" /* FAN_CLASS_??? */"u8); break;
        }
        ulong flags = value & ~0xcu;
        if (flags == 0) return;
        bool named = AppendFlagNames(Xlats.FanotifyInitFlags, ref flags, first: false);
        if (flags == 0) return;
        _b.Append((byte)'|').AppendHex(flags);
        if (!named) _b.Append(" /* FAN_??? */"u8);
    }

    private void PrintRwfFlags(uint value)
    {
        if (BeginVerbose(out int mark))
        {
            PrintRwfFlags(value);
            int namesAt = VerboseNames();
            PrintRwfFlags(value);
            EndVerbose(mark, namesAt);
            return;
        }
        if (value == 0 || Raw)
        {
            _b.AppendHex(value);
            return;
        }
        ulong v = value;
        bool any = false;
        ReadOnlySpan<uint> bits = [1, 2, 4, 8, 16];
        for (int i = 0; i < bits.Length; i++)
        {
            if ((v & bits[i]) == 0) continue;
            if (any) _b.Append((byte)'|');
            _b.Append(i switch { 0 => "RWF_HIPRI", 1 => "RWF_DSYNC", 2 => "RWF_SYNC", 3 => "RWF_NOWAIT", _ => "RWF_APPEND" });
            v &= ~(ulong)bits[i];
            any = true;
        }
        if (v != 0)
        {
            if (any) _b.Append((byte)'|');
            _b.AppendHex(v);
            if (!any) _b.Append(" /* RWF_??? */"u8);
        }
    }

    private void PrintSyslogAction(int value)
    {
        _b.Append(value);
        string? name = value switch
        {
            0 => "SYSLOG_ACTION_CLOSE", 1 => "SYSLOG_ACTION_OPEN", 2 => "SYSLOG_ACTION_READ",
            3 => "SYSLOG_ACTION_READ_ALL", 4 => "SYSLOG_ACTION_READ_CLEAR", 5 => "SYSLOG_ACTION_CLEAR",
            6 => "SYSLOG_ACTION_CONSOLE_OFF", 7 => "SYSLOG_ACTION_CONSOLE_ON", 8 => "SYSLOG_ACTION_CONSOLE_LEVEL",
            9 => "SYSLOG_ACTION_SIZE_UNREAD", 10 => "SYSLOG_ACTION_SIZE_BUFFER", _ => null,
        };
        _b.Append(" /* "u8).Append(name ?? "SYSLOG_ACTION_???").Append(" */"u8);
    }

    private void PrintOldSigset(ulong address)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        Span<byte> set = stackalloc byte[4];
        if (!_c.Memory.TryRead(address, set)) _b.AppendHex(address);
        else AppendSigset(_b, set, Raw, VerboseSigset);
    }

    /// <summary>i386 struct old_sigaction: handler, mask (32 bits), flags, restorer.</summary>
    private void PrintOldSigaction(ulong address)
    {
        Span<byte> s = stackalloc byte[16];
        if (!TryReadStruct(address, s)) return;
        uint flags = UI(s, 8);
        _b.Append("{sa_handler="u8);
        PrintSigHandler(UI(s, 0));
        _b.Append(", sa_mask="u8);
        AppendSigset(_b, s.Slice(4, 4), Raw, VerboseSigset);
        _b.Append(", sa_flags="u8);
        PrintFlags(Xlats.SigactionFlags, flags, "SA_???");
        if ((flags & 0x04000000) != 0)
        {
            _b.Append(", sa_restorer="u8);
            PrintAddress(UI(s, 12));
        }
        _b.Append((byte)'}');
    }

    private void PrintRlimit(ulong address, bool wide)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        Span<byte> s = stackalloc byte[16];
        int size = wide ? 16 : 8;
        if (!_c.Memory.TryRead(address, s[..size]))
        {
            _b.AppendHex(address);
            return;
        }
        ulong cur = wide ? UL(s, 0) : UI(s, 0);
        ulong max = wide ? UL(s, 8) : UI(s, 4);
        _b.Append("{rlim_cur="u8);
        PrintRlimValue(cur, !wide);
        _b.Append(", rlim_max="u8);
        PrintRlimValue(max, !wide);
        _b.Append((byte)'}');
    }

    private void PrintTimespec64(ulong address)
    {
        Span<byte> s = stackalloc byte[16];
        if (!TryReadStruct(address, s)) return;
        AppendTimePair(L(s, 0), L(s, 8), nanoseconds: true);
    }

    private void PrintItimerspec64(ulong address)
    {
        Span<byte> s = stackalloc byte[32];
        if (!TryReadStruct(address, s)) return;
        _b.Append("{it_interval="u8);
        AppendTimePair(L(s, 0), L(s, 8), nanoseconds: true);
        _b.Append(", it_value="u8);
        AppendTimePair(L(s, 16), L(s, 24), nanoseconds: true);
        _b.Append((byte)'}');
    }

    private void PrintTimespec64Pair(ulong address) => PrintTimePairArray(address, nanoseconds: true);

    /// <summary>
    /// A kernel-written timespec. nanosleep's and clock_nanosleep's remaining time is printed only when the sleep
    /// was interrupted; otherwise its address.
    /// </summary>
    private void PrintTimeOut(ulong address, int index, bool nanoseconds, bool wide)
    {
        string name = _c.Def.Name;
        bool remaining = name is "nanosleep" or "clock_nanosleep" or "clock_nanosleep_time64";
        if (remaining)
        {
            int errno = Failed ? (int)-Ret : 0;
            bool interrupted = errno is 4 or 512 or 513 or 514 or 516;
            if (!interrupted || address == 0)
            {
                PrintAddress(address);
                return;
            }
        }
        else if (Failed)
        {
            PrintAddress(address);
            return;
        }
        if (wide) PrintTimespec64(address);
        else PrintTimeAt(address, nanoseconds);
        _ = index;
    }

    /// <summary>time_t * written by the kernel: [N /* date */].</summary>
    private void PrintTimeOutArg(ulong address)
    {
        if (address == 0 || Failed)
        {
            PrintAddress(address);
            return;
        }
        long t;
        if (Is32)
        {
            if (!_c.Memory.TryRead(address, out int t32))
            {
                _b.AppendHex(address);
                return;
            }
            t = t32;
        }
        else if (!_c.Memory.TryRead(address, out t))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append((byte)'[');
        AppendTimeWithComment(t, 0);
        _b.Append((byte)']');
    }

    private void PrintGidArray(ulong address, ulong count)
    {
        // NGROUPS_MAX: strace does not read a bigger array; like its print_array, an unreadable first element
        // leaves the address alone (later unreadable ones end the list with "...").
        if (address == 0 || count > 65536 || count > 0 && !_c.Memory.TryRead(address, out uint _))
        {
            PrintAddress(address);
            return;
        }
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        for (ulong i = 0; i < count; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= (ulong)limit)
            {
                _b.Append("..."u8);
                break;
            }
            if (!_c.Memory.TryRead(address + 4 * i, out uint gid))
            {
                _b.Append("..."u8);
                break;
            }
            if (gid == uint.MaxValue) _b.Append(-1);
            else _b.Append((ulong)gid);
        }
        _b.Append((byte)']');
    }

    private void PrintMincore(ulong address, ulong length)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        ulong pages = (length + 4095) / 4096;
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        for (ulong i = 0; i < pages; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= (ulong)limit)
            {
                _b.Append("..."u8);
                break;
            }
            if (!_c.Memory.TryRead(address + i, out byte page))
            {
                _b.Append("..."u8);
                break;
            }
            _b.Append((ulong)(page & 1));
        }
        _b.Append((byte)']');
    }

    private void PrintSembuf(ulong address, ulong count)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        Span<byte> e = stackalloc byte[6];
        for (ulong i = 0; i < count; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= (ulong)limit || !_c.Memory.TryRead(address + 6 * i, e))
            {
                _b.Append("..."u8);
                break;
            }
            short flg = BinaryPrimitives.ReadInt16LittleEndian(e[4..]);
            _b.Append("{sem_num="u8).Append((ulong)BinaryPrimitives.ReadUInt16LittleEndian(e))
              .Append(", sem_op="u8).Append(BinaryPrimitives.ReadInt16LittleEndian(e[2..])).Append(", sem_flg="u8);
            PrintFlags(Xlats.SemopFlags, (ushort)flg, "SEM_???");
            _b.Append((byte)'}');
        }
        _b.Append((byte)']');
    }

    private void PrintMsgbuf(ulong address, ulong textSize)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        if (!TryReadWord(address, out ulong type))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append("{mtype="u8).Append(Is32 ? (int)type : (long)type).Append(", mtext="u8);
        PrintBuffer(address + (ulong)WordSize, textSize);
        _b.Append((byte)'}');
    }

    private void PrintUtimbuf(ulong address)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        if (!TryReadWord(address, out ulong a) || !TryReadWord(address + (ulong)WordSize, out ulong m))
        {
            _b.AppendHex(address);
            return;
        }
        long at = Is32 ? (int)a : (long)a, mt = Is32 ? (int)m : (long)m;
        _b.Append("{actime="u8);
        AppendTimeWithComment(at, 0);
        _b.Append(", modtime="u8);
        AppendTimeWithComment(mt, 0);
        _b.Append((byte)'}');
    }

    private void PrintUserDesc(ulong address)
    {
        Span<byte> s = stackalloc byte[16];
        if (!TryReadStruct(address, s)) return;
        uint bits = UI(s, 12);
        // strace prints both with %#08x: zero-padded to eight characters, 0x included (0x0fffff).
        _b.Append("{entry_number="u8).Append(I(s, 0)).Append(", base_addr=0x"u8).AppendHexDigits(UI(s, 4), 6)
          .Append(", limit=0x"u8).AppendHexDigits(UI(s, 8), 6)
          .Append(", seg_32bit="u8).Append((ulong)(bits & 1)).Append(", contents="u8).Append((ulong)((bits >> 1) & 3))
          .Append(", read_exec_only="u8).Append((ulong)((bits >> 3) & 1)).Append(", limit_in_pages="u8).Append((ulong)((bits >> 4) & 1))
          .Append(", seg_not_present="u8).Append((ulong)((bits >> 5) & 1)).Append(", useable="u8).Append((ulong)((bits >> 6) & 1))
          .Append((byte)'}');
    }

    private void PrintSigevent(ulong address)
    {
        Span<byte> s = stackalloc byte[64];
        if (!TryReadStruct(address, s)) return;
        int w = WordSize;
        ulong value = Word(s, 0);
        int signo = I(s, w), notify = I(s, w + 4);
        _b.Append((byte)'{');
        if (value != 0)
        {
            _b.Append("sigev_value={sival_int="u8).Append((int)value).Append(", sival_ptr="u8);
            PrintAddress(value);
            _b.Append("}, "u8);
        }
        _b.Append("sigev_signo="u8);
        // The signal is named only when the notification sends one.
        if (notify is 0 or 2 or 4) PrintSignal((ulong)signo);
        else _b.Append(signo);
        _b.Append(", sigev_notify="u8);
        PrintXval(Xlats.SigevNotify, (uint)notify, "SIGEV_???");
        if (notify == 4) _b.Append(", sigev_notify_thread_id="u8).Append(I(s, w + 8));
        _b.Append((byte)'}');
    }

    private void PrintMqAttr(ulong address)
    {
        int w = WordSize;
        Span<byte> s = stackalloc byte[32];
        if (!TryReadStruct(address, s[..(4 * w)])) return;
        _b.Append("{mq_flags="u8);
        ulong flags = Word(s, 0);
        if (flags == 0) _b.Append((byte)'0');
        else if (flags == 0x800 && !Raw) _b.Append("O_NONBLOCK"u8);
        else _b.AppendHex(flags);
        _b.Append(", mq_maxmsg="u8).Append((long)Word(s, w)).Append(", mq_msgsize="u8).Append((long)Word(s, 2 * w))
          .Append(", mq_curmsgs="u8).Append((long)Word(s, 3 * w)).Append((byte)'}');
    }

    /// <summary>pselect6's sixth argument: {[set], size} or NULL.</summary>
    private void PrintSigsetPack(ulong address)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        if (!TryReadWord(address, out ulong set) || !TryReadWord(address + (ulong)WordSize, out ulong size))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append("{sigmask="u8);
        PrintSigsetAt(set, size);
        _b.Append(", sigsetsize="u8).Append(size).Append((byte)'}');
    }

    private const uint SchedAttrMinSize = 48, SchedAttrSizeVer1 = 56;

    /// <summary>
    /// struct sched_attr (strace's print_sched_attr): <paramref name="userSize"/> is sched_getattr's buffer size, 0 for
    /// sched_setattr (whose size field says how much to read). Fields up to what the size covers, then "..." when
    /// the size is larger than the struct strace knows.
    /// </summary>
    private void PrintSchedAttr(ulong address, uint userSize = 0)
    {
        Span<byte> s = stackalloc byte[(int)SchedAttrSizeVer1];
        s.Clear();
        bool isSet = userSize == 0;
        uint size;
        if (!isSet)
        {
            size = Math.Min(userSize, SchedAttrSizeVer1);
            if (!TryReadStruct(address, s[..(int)size])) return;
            size = UI(s, 0);
        }
        else
        {
            if (!TryReadStruct(address, s[..4])) return;
            userSize = UI(s, 0);
            if (userSize == 0) userSize = SchedAttrMinSize;
            size = Math.Min(userSize, SchedAttrSizeVer1);
            if (size >= SchedAttrMinSize && !_c.Memory.TryRead(address, s[..(int)size]))
            {
                _b.AppendHex(address);
                return;
            }
        }
        _b.Append("{size="u8).Append((ulong)UI(s, 0));
        if (size >= SchedAttrMinSize)
        {
            _b.Append(", sched_policy="u8);
            PrintXval(Xlats.SchedPolicies, UI(s, 4), "SCHED_???");
            _b.Append(", sched_flags="u8);
            PrintFlags(Xlats.SchedAttrFlags, UL(s, 8), "SCHED_FLAG_???");
            _b.Append(", sched_nice="u8).Append(I(s, 16))
              .Append(", sched_priority="u8).Append((ulong)UI(s, 20)).Append(", sched_runtime="u8).Append(UL(s, 24))
              .Append(", sched_deadline="u8).Append(UL(s, 32)).Append(", sched_period="u8).Append(UL(s, 40));
            if (size >= SchedAttrSizeVer1)
                _b.Append(", sched_util_min="u8).Append((ulong)UI(s, 48)).Append(", sched_util_max="u8).Append((ulong)UI(s, 52));
        }
        if ((isSet ? userSize : UI(s, 0)) > size) _b.Append(", ..."u8);
        _b.Append((byte)'}');
    }

    /// <summary>sched_setattr at exit: " => {size=N}" when the kernel wrote back its size (E2BIG), then the flags.</summary>
    private void SchedSetattrExit()
    {
        if (Failed && Ret == -7 && _c.Memory.TryRead(Reg(1), out uint size))
            _b.Append(" => {size="u8).Append((ulong)size).Append((byte)'}');
        _b.Append(", "u8).Append((ulong)(uint)Reg(2));
    }

    private void PrintRemoteIovec(ulong address, ulong count)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        int w = WordSize;
        Span<byte> e = stackalloc byte[16];
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        for (ulong i = 0; i < count; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= (ulong)limit || !_c.Memory.TryRead(address + i * (ulong)(2 * w), e[..(2 * w)]))
            {
                _b.Append("..."u8);
                break;
            }
            _b.Append("{iov_base="u8);
            PrintAddress(Word(e, 0));
            _b.Append(", iov_len="u8).Append(Word(e, w)).Append((byte)'}');
        }
        _b.Append((byte)']');
    }

    private void PrintMmsghdr(ulong address, ulong count, bool input)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        int size = Is32 ? 32 : 64;
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        for (ulong i = 0; i < count; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= (ulong)limit)
            {
                _b.Append("..."u8);
                break;
            }
            ulong at = address + i * (ulong)size;
            // msg_len follows the msghdr: at 56 on x86_64 (then 4 bytes of padding), at 28 on i386.
            if (!_c.Memory.TryRead(at + (ulong)(Is32 ? 28 : 56), out uint len))
            {
                _b.Append("..."u8);
                break;
            }
            _b.Append("{msg_hdr="u8);
            PrintMsghdr(at, input ? -1 : len);
            _b.Append(", msg_len="u8).Append((ulong)len).Append((byte)'}');
        }
        _b.Append((byte)']');
    }

    private void PrintEpollEvents(ulong address, ulong count, bool single)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        Span<byte> e = stackalloc byte[12];
        if (single)
        {
            if (!_c.Memory.TryRead(address, e))
            {
                _b.AppendHex(address);
                return;
            }
            AppendEpollEvent(e);
            return;
        }
        _b.Append((byte)'[');
        int limit = ArrayLimit;
        for (ulong i = 0; i < count; i++)
        {
            if (i > 0) _b.Append(", "u8);
            if (i >= (ulong)limit || !_c.Memory.TryRead(address + 12 * i, e))
            {
                _b.Append("..."u8);
                break;
            }
            AppendEpollEvent(e);
        }
        _b.Append((byte)']');
    }

    private void AppendEpollEvent(ReadOnlySpan<byte> e)
    {
        _b.Append("{events="u8);
        PrintFlags(Xlats.EpollEvents, UI(e, 0), "EPOLL???");
        ulong data = UL(e, 4);
        _b.Append(", data={u32="u8).Append((ulong)(uint)data).Append(", u64="u8).Append(data).Append("}}"u8);
    }

    private void PrintCpuSet(ulong address, ulong size)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        int n = (int)Math.Min(size, 8192);
        Span<byte> s = Scratch2(Math.Max(n, 1));
        if (n == 0 || !_c.Memory.TryRead(address, s[..n]))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append((byte)'[');
        bool first = true;
        for (int i = 0; i < n * 8; i++)
        {
            if ((s[i >> 3] & (1 << (i & 7))) == 0) continue;
            if (!first) _b.Append((byte)' ');
            first = false;
            _b.Append(i);
        }
        _b.Append((byte)']');
    }

    private void PrintCapHeader(ulong address)
    {
        Span<byte> s = stackalloc byte[8];
        if (!TryReadStruct(address, s)) return;
        uint version = UI(s, 0);
        _b.Append("{version="u8);
        if (Raw) _b.AppendHex(version);
        else if (VerboseParts) AppendCapVersionVerbose(version);
        else switch (version)
        {
            case 0x19980330: _b.Append("_LINUX_CAPABILITY_VERSION_1"u8); break;
            case 0x20071026: _b.Append("_LINUX_CAPABILITY_VERSION_2"u8); break;
            case 0x20080522: _b.Append("_LINUX_CAPABILITY_VERSION_3"u8); break;
            default: _b.AppendHex(version).Append(" /* _LINUX_CAPABILITY_VERSION_??? */"u8); break;
        }
        _b.Append(", pid="u8).Append(I(s, 4)).Append((byte)'}');
    }

    /// <summary>capget/capset data: {effective=1&lt;&lt;CAP_X|..., permitted=..., inheritable=...} (two 32-bit words each).</summary>
    private void PrintCapData(ulong address)
    {
        Span<byte> s = stackalloc byte[24];
        if (!TryReadStruct(address, s)) return;
        ReadOnlySpan<byte> effective = "{effective="u8, permitted = ", permitted="u8, inheritable = ", inheritable="u8;
        for (int set = 0; set < 3; set++)
        {
            _b.Append(set == 0 ? effective : set == 1 ? permitted : inheritable);
            ulong caps = UI(s, 4 * set) | ((ulong)UI(s, 12 + 4 * set) << 32);
            AppendCapSet(caps);
        }
        _b.Append((byte)'}');
    }

    private void AppendCapVersionVerbose(uint version)
    {
        string? name = version switch
        {
            0x19980330 => "_LINUX_CAPABILITY_VERSION_1",
            0x20071026 => "_LINUX_CAPABILITY_VERSION_2",
            0x20080522 => "_LINUX_CAPABILITY_VERSION_3",
            _ => null,
        };
        _b.AppendHex(version).Append(" /* "u8).Append(name ?? "_LINUX_CAPABILITY_VERSION_???").Append(" */"u8);
    }

    /// <summary>-X verbose capability words, as strace's print_cap_bits: 0x... /* 1&lt;&lt;CAP_X|... */ per 32-bit word.</summary>
    private void AppendCapWordVerbose(uint word, int firstBit)
    {
        _b.AppendHex(word);
        if (word == 0) return;
        _b.Append(" /* "u8);
        bool first = true;
        ulong rest = word;
        for (int i = 0; i < 32; i++)
        {
            if ((word & (1u << i)) == 0) continue;
            string? name = Xlats.Capabilities.Lookup((ulong)(firstBit + i));
            if (name is null) continue;
            if (!first) _b.Append((byte)'|');
            first = false;
            _b.Append("1<<"u8).Append(name);
            rest &= ~(1UL << i);
        }
        if (rest != 0)
        {
            if (!first) _b.Append((byte)'|');
            _b.AppendHex(rest);
        }
        _b.Append(" */"u8);
    }

    private void AppendCapSet(ulong caps)
    {
        if (VerboseParts)
        {
            uint lo = (uint)caps, hi = (uint)(caps >> 32);
            if (lo != 0 || hi == 0) AppendCapWordVerbose(lo, 0);
            if (hi == 0) return;
            if (lo != 0) _b.Append((byte)'|');
            AppendCapWordVerbose(hi, 32);
            return;
        }
        if (Raw)
        {
            // strace prints the two 32-bit words apart: lo (also when both are zero), then |hi.
            uint lo = (uint)caps, hi = (uint)(caps >> 32);
            if (lo != 0 || hi == 0) _b.AppendHex(lo);
            if (hi != 0) _b.Append(lo != 0 ? "|"u8 : ""u8).AppendHex(hi);
            return;
        }
        if (caps == 0)
        {
            _b.Append((byte)'0');
            return;
        }
        bool first = true;
        for (int i = 0; i < 64; i++)
        {
            if ((caps & (1UL << i)) == 0) continue;
            string? name = Xlats.Capabilities.Lookup((ulong)i);
            if (name is null) continue;
            if (!first) _b.Append((byte)'|');
            first = false;
            _b.Append("1<<"u8).Append(name);
            caps &= ~(1UL << i);
        }
        if (caps != 0)
        {
            if (!first) _b.Append((byte)'|');
            _b.AppendHex(caps);
        }
    }

    /// <summary>
    /// strace's print_nonzero_bytes: the bytes of an extensible struct beyond the part it knows, when any is nonzero,
    /// as ", /* bytes N..M */ \"\x..\"" (nothing when they cannot be read).
    /// </summary>
    private void PrintNonzeroTail(ulong address, int known, ulong size)
    {
        if (size <= (ulong)known || size - (ulong)known > 4096) return;
        Span<byte> tail = Scratch2((int)(size - (ulong)known));
        if (!_c.Memory.TryRead(address + (ulong)known, tail) || tail.IndexOfAnyExcept((byte)0) < 0) return;
        _b.Append(", /* bytes "u8).Append(known).Append(".."u8).Append((long)size - 1).Append(" */ \""u8);
        foreach (byte c in tail) _b.Append("\\x"u8).Append((byte)"0123456789abcdef"[c >> 4]).Append((byte)"0123456789abcdef"[c & 15]);
        _b.Append((byte)'"');
    }

    private void PrintOpenHow(ulong address, ulong size)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        Span<byte> s = stackalloc byte[24];
        if (size < 24 || !_c.Memory.TryRead(address, s))
        {
            _b.AppendHex(address);
            return;
        }
        ulong flags = UL(s, 0);
        _b.Append("{flags="u8);
        PrintOpenFlags(flags);
        if ((flags & 0x40) != 0 || (flags & 0x400000) != 0 || UL(s, 8) != 0)
        {
            _b.Append(", mode="u8);
            PrintModeNumber(UL(s, 8));
        }
        _b.Append(", resolve="u8);
        PrintFlags(Xlats.ResolveFlags, UL(s, 16), "RESOLVE_???");
        PrintNonzeroTail(address, 24, size);
        _b.Append((byte)'}');
    }

    private void PrintSeccompArgs(ulong address, ulong op)
    {
        if ((uint)op == 3) // GET_NOTIF_SIZES
        {
            Span<byte> sizes = stackalloc byte[6];
            if (Failed) PrintAddress(address);
            else if (TryReadStruct(address, sizes))
                _b.Append("{seccomp_notif="u8).Append((ulong)BinaryPrimitives.ReadUInt16LittleEndian(sizes))
                  .Append(", seccomp_notif_resp="u8).Append((ulong)BinaryPrimitives.ReadUInt16LittleEndian(sizes[2..]))
                  .Append(", seccomp_data="u8).Append((ulong)BinaryPrimitives.ReadUInt16LittleEndian(sizes[4..])).Append((byte)'}');
            return;
        }
        if ((uint)op == 1) // SECCOMP_SET_MODE_FILTER
        {
            PrintSockFprog(address);
            return;
        }
        if ((uint)op == 2 && address != 0 && _c.Memory.TryRead(address, out uint action)) // GET_ACTION_AVAIL
        {
            _b.Append((byte)'[');
            PrintXval(Xlats.SeccompRetActions, action, "SECCOMP_RET_???");
            _b.Append((byte)']');
            return;
        }
        PrintAddress(address);
    }

    private void AppendSeccompAction(uint action)
    {
        switch (action & 0xffff0000)
        {
            case 0x80000000: _b.Append("SECCOMP_RET_KILL_PROCESS"u8); break;
            case 0x00000000: _b.Append("SECCOMP_RET_KILL_THREAD"u8); break;
            case 0x00030000: _b.Append("SECCOMP_RET_TRAP"u8); break;
            case 0x00050000: _b.Append("SECCOMP_RET_ERRNO"u8); break;
            case 0x7fc00000: _b.Append("SECCOMP_RET_USER_NOTIF"u8); break;
            case 0x7ff00000: _b.Append("SECCOMP_RET_TRACE"u8); break;
            case 0x7ffc0000: _b.Append("SECCOMP_RET_LOG"u8); break;
            case 0x7fff0000: _b.Append("SECCOMP_RET_ALLOW"u8); break;
            default: _b.AppendHex(action); return;
        }
        if ((action & 0xffff) != 0) _b.Append((byte)'|').AppendHex(action & 0xffff);
    }

    /// <summary>struct sock_fprog: {len=N, filter=0x...}.</summary>
    private void PrintSockFprog(ulong address)
    {
        int w = WordSize;
        Span<byte> s = stackalloc byte[16];
        if (!TryReadStruct(address, s[..(2 * w)])) return;
        ushort len = BinaryPrimitives.ReadUInt16LittleEndian(s);
        _b.Append("{len="u8).Append((ulong)len).Append(", filter="u8);
        if (Abbrev) PrintAddress(Word(s, w));
        else PrintBpfProgram(Word(s, w), len);
        _b.Append((byte)'}');
    }
}
