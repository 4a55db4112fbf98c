using System.Buffers.Binary;
using System.Text;

namespace Ptracer.ExecProxy;

/*
 * The shim <-> broker wire protocol, version 1.
 *
 * Transport: an AF_UNIX SOCK_STREAM connection, one command per connection. The broker's socket file is mode
 * 0600 and the broker accepts only peers of its own uid (SO_PEERCRED).
 *
 * Framing: every message is a frame
 *     u32 length   little-endian, the number of bytes that follow (type + body), 1 .. 16 MiB
 *     u8  type
 *     body
 * Integers are little-endian; a string is a u32 byte count followed by that many UTF-8 bytes (no NUL).
 *
 * Shim -> broker
 *   1 Request  u16 version (=1) | str path | str cwd | u32 argc, str * argc | u32 envc, str * envc ("NAME=VALUE")
 *              | i32 callerPid | u32 fdc, i32 * fdc
 *              The fdc integers are the descriptor numbers the command must see (0, 1, 2, ...); the descriptors
 *              themselves travel as one SCM_RIGHTS control message on the sendmsg that carries the frame's first
 *              byte, in the same order. The first frame of a connection is always a Request.
 *   2 Signal   i32 signo: deliver signo to the command (its process group for the local runner).
 *
 * Broker -> shim
 *   3 Started  i32 pid: the command runs (pid 0 when it runs on another host).
 *   4 Exited   i32 code | i32 signal: the command ended; signal != 0 when it was killed (code is then 128+signal).
 *   5 Refused  i32 status | str message: the command did not run (126 refused or not executable, 127 not found).
 *
 * A version the broker does not speak is answered with Refused(126, "unsupported protocol version N"). Either side
 * closing the connection ends the exchange: the broker kills the command's process group when the shim goes away.
 */

/// <summary>The message types of the shim/broker protocol (see the comment at the top of WireProtocol.cs).</summary>
public enum MessageType : byte
{
    Request = 1,
    Signal = 2,
    Started = 3,
    Exited = 4,
    Refused = 5,
}

/// <summary>A command the shim asks the broker to run.</summary>
public sealed record ExecRequest(
    string Path,
    string WorkingDirectory,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Environment,
    int CallerPid,
    IReadOnlyList<int> TargetFds);

/// <summary>Encoding and decoding of frames. The length prefix is not part of the spans given to Decode*.</summary>
public static class WireProtocol
{
    public const ushort Version = 1;
    public const int MaxFrame = 16 << 20;
    public const int HeaderSize = 4;

    public static byte[] EncodeRequest(ExecRequest r)
    {
        var w = new FrameWriter(MessageType.Request);
        w.U16(Version);
        w.Str(r.Path);
        w.Str(r.WorkingDirectory);
        w.U32((uint)r.Arguments.Count);
        foreach (string a in r.Arguments) w.Str(a);
        w.U32((uint)r.Environment.Count);
        foreach (string e in r.Environment) w.Str(e);
        w.I32(r.CallerPid);
        w.U32((uint)r.TargetFds.Count);
        foreach (int fd in r.TargetFds) w.I32(fd);
        return w.ToArray();
    }

    /// <summary>Decodes a Request body; returns null and the version seen when the version is not ours.</summary>
    public static ExecRequest? DecodeRequest(ReadOnlySpan<byte> body, out ushort version)
    {
        var r = new FrameReader(body);
        version = r.U16();
        if (version != Version) return null;
        string path = r.Str();
        string cwd = r.Str();
        var argv = new string[r.Count()];
        for (int i = 0; i < argv.Length; i++) argv[i] = r.Str();
        var env = new string[r.Count()];
        for (int i = 0; i < env.Length; i++) env[i] = r.Str();
        int callerPid = r.I32();
        var fds = new int[r.Count()];
        for (int i = 0; i < fds.Length; i++) fds[i] = r.I32();
        r.End();
        return new ExecRequest(path, cwd, argv, env, callerPid, fds);
    }

    public static byte[] EncodeSignal(int signal) => new FrameWriter(MessageType.Signal).I32(signal).ToArray();
    public static byte[] EncodeStarted(int pid) => new FrameWriter(MessageType.Started).I32(pid).ToArray();
    public static byte[] EncodeExited(int code, int signal) => new FrameWriter(MessageType.Exited).I32(code).I32(signal).ToArray();
    public static byte[] EncodeRefused(int status, string message) => new FrameWriter(MessageType.Refused).I32(status).Str(message).ToArray();

    public static int DecodeInt(ReadOnlySpan<byte> body, int index) => BinaryPrimitives.ReadInt32LittleEndian(body[(4 * index)..]);

    public static (int Status, string Message) DecodeRefused(ReadOnlySpan<byte> body)
    {
        var r = new FrameReader(body);
        int status = r.I32();
        string message = r.Str();
        r.End();
        return (status, message);
    }

    /// <summary>Builds one frame: the length prefix is filled in by <see cref="ToArray"/>.</summary>
    private sealed class FrameWriter
    {
        private byte[] _buffer = new byte[256];
        private int _length;

        public FrameWriter(MessageType type)
        {
            _length = HeaderSize;
            _buffer[_length++] = (byte)type;
        }

        private Span<byte> Take(int n)
        {
            if (_length + n > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + n));
            Span<byte> s = _buffer.AsSpan(_length, n);
            _length += n;
            return s;
        }

        public FrameWriter U16(ushort v) { BinaryPrimitives.WriteUInt16LittleEndian(Take(2), v); return this; }
        public FrameWriter U32(uint v) { BinaryPrimitives.WriteUInt32LittleEndian(Take(4), v); return this; }
        public FrameWriter I32(int v) { BinaryPrimitives.WriteInt32LittleEndian(Take(4), v); return this; }

        public FrameWriter Str(string s)
        {
            int n = Encoding.UTF8.GetByteCount(s);
            U32((uint)n);
            Encoding.UTF8.GetBytes(s, Take(n));
            return this;
        }

        public byte[] ToArray()
        {
            if (_length - HeaderSize > MaxFrame) throw new InvalidDataException($"frame of {_length - HeaderSize} bytes exceeds {MaxFrame}");
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer, (uint)(_length - HeaderSize));
            return _buffer.AsSpan(0, _length).ToArray();
        }
    }

    private ref struct FrameReader(ReadOnlySpan<byte> body)
    {
        private readonly ReadOnlySpan<byte> _body = body;
        private int _at;

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n < 0 || _at + n > _body.Length) throw new InvalidDataException("truncated frame");
            ReadOnlySpan<byte> s = _body.Slice(_at, n);
            _at += n;
            return s;
        }

        public ushort U16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
        public int I32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public int Count()
        {
            uint n = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
            // Every element takes at least four bytes: a count larger than what is left is malformed.
            if (n > (uint)(_body.Length - _at) / 4) throw new InvalidDataException("count exceeds the frame");
            return (int)n;
        }

        public string Str()
        {
            uint n = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
            if (n > (uint)(_body.Length - _at)) throw new InvalidDataException("string exceeds the frame");
            return Encoding.UTF8.GetString(Take((int)n));
        }

        public readonly void End()
        {
            if (_at != _body.Length) throw new InvalidDataException("trailing bytes in frame");
        }
    }
}
