namespace Ptracer.Strace;

/// <summary>The key management calls: add_key, request_key, keyctl (strace's keyctl.c).</summary>
public sealed partial class SyscallFormatter
{
    private void KeyEntry()
    {
        _c.PrintedAtEntry = SpecialDone;
        switch (_c.Def.Name)
        {
            case "add_key": // type, description, payload, plen, keyring
                PrintString(Reg(0));
                _b.Append(", "u8);
                PrintString(Reg(1));
                _b.Append(", "u8);
                PrintBuffer(Reg(2), Reg(3));
                _b.Append(", "u8).Append(Reg(3)).Append(", "u8);
                PrintKeySerial(Reg(4));
                return;
            case "request_key": // type, description, callout info, destination keyring
                PrintString(Reg(0));
                _b.Append(", "u8);
                PrintString(Reg(1));
                _b.Append(", "u8);
                PrintString(Reg(2));
                _b.Append(", "u8);
                PrintKeySerial(Reg(3));
                return;
            default:
                KeyctlEntry();
                return;
        }
    }

    /// <summary>A key serial number: KEY_SPEC_* for the special keyrings, else decimal.</summary>
    private void PrintKeySerial(ulong value) => PrintXvalInt(Xlats.KeySpecs, (int)value, null);

    private void KeyctlEntry()
    {
        int cmd = (int)Reg(0);
        PrintXval(Xlats.KeyctlCommands, (uint)cmd, "KEYCTL_???");
        ulong a2 = Reg(1), a3 = Reg(2), a4 = Reg(3), a5 = Reg(4);
        if (cmd == 18) return; // KEYCTL_SESSION_TO_PARENT: no arguments
        _b.Append(", "u8);
        switch (cmd)
        {
            case 0: // GET_KEYRING_ID
                PrintKeySerial(a2);
                _b.Append(", "u8).Append((int)a3);
                return;
            case 1: // JOIN_SESSION_KEYRING
                PrintString(a2);
                return;
            case 2: // UPDATE
                PrintKeySerial(a2);
                _b.Append(", "u8);
                PrintBuffer(a3, a4);
                _b.Append(", "u8).Append(a4);
                return;
            case 3: case 7: case 21: case 16: // REVOKE, CLEAR, INVALIDATE, ASSUME_AUTHORITY
                PrintKeySerial(a2);
                return;
            case 8: case 9: // LINK, UNLINK
                PrintKeySerial(a2);
                _b.Append(", "u8);
                PrintKeySerial(a3);
                return;
            case 6: case 11: case 17: // DESCRIBE, READ, GET_SECURITY: the buffer at exit
                PrintKeySerial(a2);
                _b.Append(", "u8);
                _c.PrintedAtEntry = 1;
                return;
            case 10: // SEARCH
                PrintKeySerial(a2);
                _b.Append(", "u8);
                PrintString(a3);
                _b.Append(", "u8);
                PrintString(a4);
                _b.Append(", "u8);
                PrintKeySerial(a5);
                return;
            case 4: // CHOWN
                PrintKeySerial(a2);
                _b.Append(", "u8).Append((int)a3).Append(", "u8).Append((int)a4);
                return;
            case 5: // SETPERM
                PrintKeySerial(a2);
                _b.Append(", "u8);
                PrintFlags(Xlats.KeyPerms, (uint)a3, "KEY_???");
                return;
            case 12: // INSTANTIATE
                PrintKeySerial(a2);
                _b.Append(", "u8);
                PrintBuffer(a3, a4);
                _b.Append(", "u8).Append(a4).Append(", "u8);
                PrintKeySerial(a5);
                return;
            case 13: // NEGATE
                PrintKeySerial(a2);
                _b.Append(", "u8).Append((uint)a3).Append(", "u8);
                PrintKeySerial(a4);
                return;
            case 14: // SET_REQKEY_KEYRING
                // strace prints this one in decimal: -1, KEY_REQKEY_DEFL_NO_CHANGE, -1 /* KEY_REQKEY_DEFL_NO_CHANGE */.
                if (Raw) _b.Append((int)a2);
                else if (VerboseParts && Xlats.KeyReqkeyDefaults.Lookup(unchecked((ulong)(long)(int)a2)) is { } name)
                    _b.Append((int)a2).Append(" /* "u8).Append(name).Append(" */"u8);
                else PrintXvalInt(Xlats.KeyReqkeyDefaults, (int)a2, "KEY_REQKEY_DEFL_???");
                return;
            case 15: // SET_TIMEOUT
                PrintKeySerial(a2);
                _b.Append(", "u8).Append((uint)a3);
                return;
            case 19: // REJECT
                PrintKeySerial(a2);
                _b.Append(", "u8).Append((uint)a3).Append(", "u8);
                PrintErrnoName((uint)a4);
                _b.Append(", "u8);
                PrintKeySerial(a5);
                return;
            case 22: // GET_PERSISTENT
                _b.Append((int)a2).Append(", "u8);
                PrintKeySerial(a3);
                return;
            case 29: // RESTRICT_KEYRING
                PrintKeySerial(a2);
                _b.Append(", "u8);
                PrintString(a3);
                _b.Append(", "u8);
                PrintString(a4);
                return;
            default:
                _b.AppendHex(a2).Append(", "u8).AppendHex(a3).Append(", "u8).AppendHex(a4).Append(", "u8).AppendHex(a5);
                return;
        }
    }

    /// <summary>keyctl DESCRIBE/READ/GET_SECURITY at exit: the buffer (what the kernel wrote, up to the length) and the length.</summary>
    private void KeyctlExit()
    {
        ulong buffer = Reg(2), length = Reg(3);
        if (Failed || buffer == 0) PrintAddress(buffer);
        else PrintBuffer(buffer, Math.Min(length, (ulong)Ret));
        _b.Append(", "u8).Append(length);
    }

    private void PrintErrnoName(uint errno)
    {
        string? name = ErrnoNames.Name((int)errno);
        if (name is null || Raw) _b.Append((ulong)errno);
        else _b.Append(name);
    }
}
