namespace Ptracer.Strace;

/// <summary>landlock_* and io_uring_* (strace's landlock.c and io_uring.c).</summary>
public sealed partial class SyscallFormatter
{
    private void LandlockEntry()
    {
        _c.PrintedAtEntry = SpecialDone;
        switch (_c.Def.Name)
        {
            case "landlock_create_ruleset": // attr, size, flags
                {
                    ulong address = Reg(0), size = Reg(1);
                    Span<byte> a = stackalloc byte[8];
                    if (size < 8) PrintAddress(address);
                    else if (TryReadStruct(address, a))
                    {
                        _b.Append("{handled_access_fs="u8);
                        PrintFlags(Xlats.LandlockAccessFs, UL(a, 0), "LANDLOCK_ACCESS_FS_???");
                        PrintNonzeroTail(address, 8, size);
                        _b.Append((byte)'}');
                    }
                    _b.Append(", "u8).Append(size).Append(", "u8);
                    PrintFlags(Xlats.LandlockCreateFlags, (uint)Reg(2), "LANDLOCK_CREATE_RULESET_???");
                    return;
                }
            case "landlock_add_rule": // ruleset fd, rule type, attr, flags
                {
                    PrintFd(Reg(0));
                    _b.Append(", "u8);
                    uint type = (uint)Reg(1);
                    PrintXval(Xlats.LandlockRuleTypes, type, "LANDLOCK_RULE_???");
                    _b.Append(", "u8);
                    Span<byte> a = stackalloc byte[12];
                    if (type != 1) PrintAddress(Reg(2));
                    else if (TryReadStruct(Reg(2), a))
                    {
                        _b.Append("{allowed_access="u8);
                        PrintFlags(Xlats.LandlockAccessFs, UL(a, 0), "LANDLOCK_ACCESS_FS_???");
                        _b.Append(", parent_fd="u8);
                        PrintFd((ulong)I(a, 8));
                        _b.Append((byte)'}');
                    }
                    _b.Append(", "u8).AppendHex((uint)Reg(3));
                    return;
                }
            default: // landlock_restrict_self(fd, flags)
                PrintFd(Reg(0));
                _b.Append(", "u8).AppendHex((uint)Reg(1));
                return;
        }
    }

    private void IoUringEntry()
    {
        _c.PrintedAtEntry = SpecialDone;
        switch (_c.Def.Name)
        {
            case "io_uring_setup": // entries, struct io_uring_params * (the fields the caller sets)
                {
                    _b.Append((uint)Reg(0)).Append(", "u8);
                    Span<byte> p = stackalloc byte[40];
                    if (!TryReadStruct(Reg(1), p)) return;
                    uint flags = UI(p, 8);
                    _b.Append("{flags="u8);
                    PrintFlags(Xlats.IoUringSetupFlags, flags, "IORING_SETUP_???");
                    _b.Append(", sq_thread_cpu="u8).Append((ulong)UI(p, 12)).Append(", sq_thread_idle="u8).Append((ulong)UI(p, 16));
                    if ((flags & 0x20) != 0) // IORING_SETUP_ATTACH_WQ
                    {
                        _b.Append(", wq_fd="u8);
                        PrintFd((ulong)I(p, 24));
                    }
                    if (UI(p, 28) != 0 || UI(p, 32) != 0 || UI(p, 36) != 0)
                    {
                        _b.Append(", resv=["u8).AppendHex(UI(p, 28)).Append(", "u8).AppendHex(UI(p, 32)).Append(", "u8)
                          .AppendHex(UI(p, 36)).Append((byte)']');
                    }
                    _b.Append((byte)'}');
                    return;
                }
            case "io_uring_enter": // fd, to_submit, min_complete, flags, sigset, size
                PrintFd(Reg(0));
                _b.Append(", "u8).Append((uint)Reg(1)).Append(", "u8).Append((uint)Reg(2)).Append(", "u8);
                PrintFlags(Xlats.IoUringEnterFlags, (uint)Reg(3), "IORING_ENTER_???");
                _b.Append(", "u8);
                PrintSigsetAt(Reg(4), Reg(5));
                _b.Append(", "u8).Append(Reg(5));
                return;
            default: // io_uring_register(fd, opcode, arg, nr_args)
                PrintFd(Reg(0));
                _b.Append(", "u8);
                PrintXval(Xlats.IoUringRegisterOps, (uint)Reg(1), "IORING_REGISTER_???");
                _b.Append(", "u8);
                PrintAddress(Reg(2));
                _b.Append(", "u8).Append((uint)Reg(3));
                return;
        }
    }
}
