using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Ptracer.Strace;

/// <summary>
/// A reusable, growable ASCII/UTF-8 line buffer. Decoders append to it; the renderer copies it to the output.
/// Reused across stops so that formatting a line allocates nothing once the buffer has grown.
/// </summary>
public sealed class TextBuilder
{
    private byte[] _buffer;
    private int _length;

    public TextBuilder(int capacity = 512) => _buffer = new byte[capacity];

    public int Length => _length;
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public void Clear() => _length = 0;

    /// <summary>Drops everything after <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => _length = Math.Min(_length, length);

    /// <summary>Inserts <paramref name="bytes"/> at <paramref name="index"/>, moving what follows.</summary>
    public void Insert(int index, ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length) Grow(bytes.Length);
        _buffer.AsSpan(index, _length - index).CopyTo(_buffer.AsSpan(index + bytes.Length));
        bytes.CopyTo(_buffer.AsSpan(index));
        _length += bytes.Length;
    }

    /// <summary>Removes <paramref name="count"/> bytes at <paramref name="index"/>.</summary>
    public void Remove(int index, int count)
    {
        _buffer.AsSpan(index + count, _length - index - count).CopyTo(_buffer.AsSpan(index));
        _length -= count;
    }

    public TextBuilder Append(byte b)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = b;
        return this;
    }

    public TextBuilder Append(char c) => c < 0x80 ? Append((byte)c) : Append(c.ToString());

    public TextBuilder Append(ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _buffer.Length) Grow(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        return this;
    }

    public TextBuilder Append(string? s)
    {
        if (string.IsNullOrEmpty(s)) return this;
        int max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (_length + max > _buffer.Length) Grow(max);
        _length += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_length));
        return this;
    }

    public TextBuilder Append(long value)
    {
        if (_length + 20 > _buffer.Length) Grow(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
        return this;
    }

    public TextBuilder Append(ulong value)
    {
        if (_length + 20 > _buffer.Length) Grow(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
        return this;
    }

    public TextBuilder Append(int value) => Append((long)value);

    /// <summary>Appends 0x followed by lower-case hex digits (0 is "0").</summary>
    public TextBuilder AppendHex(ulong value)
    {
        if (value == 0) return Append((byte)'0');
        Append((byte)'0').Append((byte)'x');
        return AppendHexDigits(value);
    }

    /// <summary>Lower-case hex digits without a prefix, zero-padded to <paramref name="minDigits"/> (at most 16).</summary>
    public TextBuilder AppendHexDigits(ulong value, byte minDigits = 0)
    {
        if (_length + 16 > _buffer.Length) Grow(16);
        var format = minDigits == 0 ? new StandardFormat('x') : new StandardFormat('x', minDigits);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written, format);
        _length += written;
        return this;
    }

    /// <summary>Appends 0 followed by octal digits (0 is "0"), as strace prints modes.</summary>
    public TextBuilder AppendOctal(ulong value, int minDigits = 0)
    {
        Span<byte> digits = stackalloc byte[24];
        int n = 0;
        do { digits[n++] = (byte)('0' + (int)(value & 7)); value >>= 3; } while (value != 0);
        while (n < minDigits) digits[n++] = (byte)'0';
        if (digits[n - 1] != '0') digits[n++] = (byte)'0';
        for (int i = n - 1; i >= 0; i--) Append(digits[i]);
        return this;
    }

    /// <summary>Pads with spaces up to <paramref name="column"/> (counted from <paramref name="lineStart"/>).</summary>
    public TextBuilder PadTo(int lineStart, int column)
    {
        while (_length - lineStart < column) Append((byte)' ');
        return this;
    }

    public override string ToString() => Encoding.UTF8.GetString(_buffer, 0, _length);

    private void Grow(int extra) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
}
