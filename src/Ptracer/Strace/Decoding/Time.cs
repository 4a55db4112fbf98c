using System.Buffers.Binary;

namespace Ptracer.Strace;

/// <summary>Time structures: timespec, timeval, itimerval, itimerspec, timezone, tms, and date comments.</summary>
public sealed partial class SyscallFormatter
{
    /// <summary>i386 syscalls without the _time64 suffix take 32-bit time_t.</summary>
    private bool Time32 => Is32 && !_c.Def.Name.EndsWith("time64", StringComparison.Ordinal);

    private int TimespecSize => Time32 ? 8 : 16;

    private void ReadTimePair(ReadOnlySpan<byte> s, int at, bool time32, out long sec, out long frac)
    {
        if (time32)
        {
            sec = BinaryPrimitives.ReadInt32LittleEndian(s[at..]);
            frac = BinaryPrimitives.ReadInt32LittleEndian(s[(at + 4)..]);
        }
        else
        {
            sec = BinaryPrimitives.ReadInt64LittleEndian(s[at..]);
            frac = BinaryPrimitives.ReadInt64LittleEndian(s[(at + 8)..]);
        }
    }

    /// <summary>{tv_sec=S, tv_nsec=N} (or tv_usec) from bytes.</summary>
    private void AppendTimePair(long sec, long frac, bool nanoseconds)
    {
        _b.Append("{tv_sec="u8).Append(sec);
        _b.Append(nanoseconds ? ", tv_nsec="u8 : ", tv_usec="u8).Append(frac).Append((byte)'}');
    }

    /// <summary>struct timespec* (or struct timeval* when <paramref name="nanoseconds"/> is false).</summary>
    private void PrintTimeAt(ulong address, bool nanoseconds)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        bool t32 = Time32;
        Span<byte> s = stackalloc byte[16];
        if (!_c.Memory.TryRead(address, s[..(t32 ? 8 : 16)]))
        {
            _b.AppendHex(address);
            return;
        }
        ReadTimePair(s, 0, t32, out long sec, out long frac);
        AppendTimePair(sec, frac, nanoseconds);
    }

    /// <summary>Two consecutive timespec/timeval (it_interval, it_value) in braces with the given names.</summary>
    private void PrintTimerValue(ulong address, bool nanoseconds)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        bool t32 = Time32;
        int one = t32 ? 8 : 16;
        Span<byte> s = stackalloc byte[32];
        if (!_c.Memory.TryRead(address, s[..(2 * one)]))
        {
            _b.AppendHex(address);
            return;
        }
        ReadTimePair(s, 0, t32, out long isec, out long ifrac);
        ReadTimePair(s, one, t32, out long vsec, out long vfrac);
        _b.Append("{it_interval="u8);
        AppendTimePair(isec, ifrac, nanoseconds);
        _b.Append(", it_value="u8);
        AppendTimePair(vsec, vfrac, nanoseconds);
        _b.Append((byte)'}');
    }

    /// <summary>utimensat's times[2] (UTIME_NOW/UTIME_OMIT named) or utimes' timeval[2].</summary>
    private void PrintTimePairArray(ulong address, bool nanoseconds)
    {
        if (address == 0)
        {
            _b.Append("NULL"u8);
            return;
        }
        bool t32 = Time32;
        int one = t32 ? 8 : 16;
        Span<byte> s = stackalloc byte[32];
        if (!_c.Memory.TryRead(address, s[..(2 * one)]))
        {
            _b.AppendHex(address);
            return;
        }
        _b.Append((byte)'[');
        for (int i = 0; i < 2; i++)
        {
            if (i > 0) _b.Append(", "u8);
            ReadTimePair(s, i * one, t32, out long sec, out long frac);
            if (nanoseconds && frac == (1L << 30) - 1 && !Raw && !_o.VerboseConstants)
            {
                _b.Append("UTIME_NOW"u8);
                continue;
            }
            if (nanoseconds && frac == (1L << 30) - 2 && !Raw && !_o.VerboseConstants)
            {
                _b.Append("UTIME_OMIT"u8);
                continue;
            }
            _b.Append("{tv_sec="u8).Append(sec);
            _b.Append(nanoseconds ? ", tv_nsec="u8 : ", tv_usec="u8).Append(t32 ? (ulong)(uint)frac : (ulong)frac).Append((byte)'}');
            if (nanoseconds && !Raw && frac >= (1L << 30) - 2 && frac <= (1L << 30) - 1)
            {
                _b.Append(frac == (1L << 30) - 1 ? " /* UTIME_NOW */"u8 : " /* UTIME_OMIT */"u8);
                continue;
            }
            if (frac < 0 || frac >= (nanoseconds ? 1_000_000_000 : 1_000_000) || (sec == 0 && frac == 0)) continue;
            _b.Append(" /* "u8);
            AppendDate(_b, sec, frac, withFraction: true, digits: nanoseconds ? 9 : 6);
            _b.Append(" */"u8);
        }
        _b.Append((byte)']');
    }

    /// <summary>struct timezone*.</summary>
    private void PrintTimezone(ulong address)
    {
        Span<byte> s = stackalloc byte[8];
        if (!TryReadStruct(address, s)) return;
        _b.Append("{tz_minuteswest="u8).Append(BinaryPrimitives.ReadInt32LittleEndian(s))
          .Append(", tz_dsttime="u8).Append(BinaryPrimitives.ReadInt32LittleEndian(s[4..])).Append((byte)'}');
    }

    /// <summary>struct tms*.</summary>
    private void PrintTms(ulong address)
    {
        int w = WordSize;
        Span<byte> s = stackalloc byte[32];
        if (!TryReadStruct(address, s[..(4 * w)])) return;
        _b.Append("{tms_utime="u8).Append((long)Word(s, 0)).Append(", tms_stime="u8).Append((long)Word(s, w))
          .Append(", tms_cutime="u8).Append((long)Word(s, 2 * w)).Append(", tms_cstime="u8).Append((long)Word(s, 3 * w))
          .Append((byte)'}');
    }

    /// <summary>
    /// A date as strace comments it: 2026-11-23T14:44:17+0000, with .NNNNNNNNN when the fraction is not zero
    /// (local time, like strace's localtime + %z).
    /// </summary>
    private void AppendDate(long seconds, long nanoseconds, bool withFraction) => AppendDate(_b, seconds, nanoseconds, withFraction);

    internal static void AppendDate(TextBuilder b, long seconds, long nanoseconds, bool withFraction, int digits = 9)
    {
        DateTime utc;
        try
        {
            utc = DateTime.UnixEpoch.AddSeconds(seconds);
        }
        catch (ArgumentOutOfRangeException)
        {
            b.Append(seconds);
            return;
        }
        TimeSpan offset = TimeZoneInfo.Local.GetUtcOffset(utc);
        DateTime local = utc + offset;
        Append4(b, local.Year);
        b.Append((byte)'-');
        Append2(b, local.Month);
        b.Append((byte)'-');
        Append2(b, local.Day);
        b.Append((byte)'T');
        Append2(b, local.Hour);
        b.Append((byte)':');
        Append2(b, local.Minute);
        b.Append((byte)':');
        Append2(b, local.Second);
        if (withFraction && nanoseconds > 0 && nanoseconds < 1_000_000_000)
        {
            b.Append((byte)'.');
            long n = nanoseconds;
            Span<byte> d = stackalloc byte[9];
            for (int i = digits - 1; i >= 0; i--, n /= 10) d[i] = (byte)('0' + n % 10);
            b.Append(d[..digits]);
        }
        int minutes = (int)offset.TotalMinutes;
        b.Append(minutes < 0 ? (byte)'-' : (byte)'+');
        minutes = Math.Abs(minutes);
        Append2(b, minutes / 60);
        Append2(b, minutes % 60);
    }

    private static void Append2(TextBuilder b, int v)
    {
        b.Append((byte)('0' + v / 10 % 10)).Append((byte)('0' + v % 10));
    }

    private static void Append4(TextBuilder b, int v)
    {
        Append2(b, v / 100);
        Append2(b, v % 100);
    }

    /// <summary>A time_t value followed by its date comment: 1795445057 /* 2026-11-23T14:44:17+0000 */.</summary>
    private void AppendTimeWithComment(long seconds, long nanoseconds)
    {
        _b.Append(seconds);
        if (seconds == 0 && nanoseconds == 0) return;
        _b.Append(" /* "u8);
        AppendDate(seconds, nanoseconds, withFraction: true);
        _b.Append(" */"u8);
    }
}
