namespace Ptracer.Strace;

/// <summary>Strings and buffers: quoting, -s truncation, -x/-xx.</summary>
public sealed partial class SyscallFormatter
{
    /// <summary>strace's limit for paths (PATH_MAX - 1); -s does not apply to them.</summary>
    private const int PathLimit = 4095;

    /// <summary>
    /// Appends <paramref name="s"/> quoted as strace does: C escapes, octal for other non-printable bytes
    /// (shortest form unless an octal digit follows), -x hex when a byte is neither printable nor whitespace,
    /// -xx hex for every byte.
    /// </summary>
    internal static void Quote(TextBuilder b, ReadOnlySpan<byte> s, HexStringMode mode, bool forceHex = false,
        bool quotes = true)
    {
        if (quotes) b.Append((byte)'"');
        bool hex = forceHex || mode == HexStringMode.All;
        if (!hex && mode == HexStringMode.NonAscii)
        {
            foreach (byte c in s)
            {
                if (c > 0x7e || (c < 0x20 && (c < 9 || c > 13)))
                {
                    hex = true;
                    break;
                }
            }
        }
        if (hex)
        {
            foreach (byte c in s)
            {
                b.Append((byte)'\\').Append((byte)'x');
                b.Append(HexDigit(c >> 4)).Append(HexDigit(c & 15));
            }
        }
        else
        {
            for (int i = 0; i < s.Length; i++)
            {
                byte c = s[i];
                switch (c)
                {
                    case (byte)'"': b.Append((byte)'\\').Append((byte)'"'); break;
                    case (byte)'\\': b.Append((byte)'\\').Append((byte)'\\'); break;
                    case (byte)'\f': b.Append((byte)'\\').Append((byte)'f'); break;
                    case (byte)'\n': b.Append((byte)'\\').Append((byte)'n'); break;
                    case (byte)'\r': b.Append((byte)'\\').Append((byte)'r'); break;
                    case (byte)'\t': b.Append((byte)'\\').Append((byte)'t'); break;
                    case (byte)'\v': b.Append((byte)'\\').Append((byte)'v'); break;
                    default:
                        if (c >= 0x20 && c < 0x7f)
                        {
                            b.Append(c);
                        }
                        else if (mode == HexStringMode.NonAsciiChars)
                        {
                            b.Append((byte)'\\').Append((byte)'x').Append(HexDigit(c >> 4)).Append(HexDigit(c & 15));
                        }
                        else
                        {
                            b.Append((byte)'\\');
                            bool digitFollows = i + 1 < s.Length && s[i + 1] >= '0' && s[i + 1] <= '7';
                            if (digitFollows || c >= 64) b.Append((byte)('0' + (c >> 6)));
                            if (digitFollows || c >= 8) b.Append((byte)('0' + ((c >> 3) & 7)));
                            b.Append((byte)('0' + (c & 7)));
                        }
                        break;
                }
            }
        }
        if (quotes) b.Append((byte)'"');
    }

    private static byte HexDigit(int v) => (byte)(v < 10 ? '0' + v : 'a' + v - 10);

    private void Quote(ReadOnlySpan<byte> s, bool forceHex = false) => Quote(_b, s, _o.HexStrings, forceHex);

    /// <summary>
    /// A buffer of <paramref name="length"/> bytes (not NUL-terminated): at most -s bytes, "..." after the quote
    /// when longer; NULL, or the address when it cannot be read.
    /// </summary>
    private void PrintBuffer(ulong address, ulong length, bool forceHex = false)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        int limit = Math.Max(0, _o.StringLimit);
        int n = length > (ulong)limit ? limit : (int)length;
        Span<byte> data = Scratch(n);
        if (!_c.Memory.TryRead(address, data))
        {
            _b.AppendHex(address);
            return;
        }
        Quote(data, forceHex);
        if (length > (ulong)n) _b.Append("..."u8);
    }

    /// <summary>A NUL-terminated string of at most <paramref name="limit"/> bytes ("..." when longer).</summary>
    private void PrintCString(ulong address, int limit)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        Span<byte> data = Scratch(limit + 1);
        int n = _c.Memory.ReadCString(address, data, out bool terminated);
        if (!terminated && n < data.Length)
        {
            _b.AppendHex(address);
            return;
        }
        if (n > limit)
        {
            Quote(data[..limit]);
            _b.Append("..."u8);
            return;
        }
        Quote(data[..n]);
    }

    /// <summary>A NUL-terminated string limited by -s.</summary>
    private void PrintString(ulong address) => PrintCString(address, Math.Max(0, _o.StringLimit));

    /// <summary>A path: NUL-terminated, not limited by -s.</summary>
    private void PrintPath(ulong address) => PrintCString(address, PathLimit);

    /// <summary>
    /// A buffer of <paramref name="size"/> bytes holding a NUL-terminated string (getcwd, PR_GET_NAME): printed up
    /// to the NUL, limited by -s.
    /// </summary>
    private void PrintStringInBuffer(ulong address, ulong size)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        int limit = Math.Max(0, _o.StringLimit);
        int want = (int)Math.Min(size, (ulong)limit + 1);
        Span<byte> data = Scratch(want);
        int got = _c.Memory.Read(address, data);
        int nul = data[..got].IndexOf((byte)0);
        if (nul < 0 && got < want)
        {
            _b.AppendHex(address);
            return;
        }
        int len = nul >= 0 ? nul : got;
        if (len > limit)
        {
            Quote(data[..limit]);
            _b.Append("..."u8);
        }
        else
        {
            Quote(data[..len]);
            if (nul < 0 && (ulong)got < size) _b.Append("..."u8);
        }
    }

    /// <summary>A fixed-size char array inside a structure (utsname fields, sun_path): up to the first NUL.</summary>
    private void PrintCharArray(ReadOnlySpan<byte> field)
    {
        int nul = field.IndexOf((byte)0);
        ReadOnlySpan<byte> s = nul >= 0 ? field[..nul] : field;
        int limit = Math.Max(0, _o.StringLimit);
        if (s.Length > limit)
        {
            Quote(s[..limit]);
            _b.Append("..."u8);
            return;
        }
        Quote(s);
        if (nul < 0) _b.Append("..."u8);
    }
}
