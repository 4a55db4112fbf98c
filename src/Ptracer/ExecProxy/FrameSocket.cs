using Ptracer.Native;
using System.Buffers.Binary;
using static Ptracer.Native.Interop.Libc;
using static Ptracer.Native.ProxyNative;

namespace Ptracer.ExecProxy;

/// <summary>One end of a shim/broker connection: framed messages, descriptors by SCM_RIGHTS. Not thread-safe for
/// concurrent senders unless the caller serialises them (<see cref="SendLock"/>).</summary>
public sealed unsafe class FrameSocket : IDisposable
{
    private const int MaxFdsPerMessage = 253; // SCM_MAX_FD
    private readonly byte[] _header = new byte[WireProtocol.HeaderSize];

    public FrameSocket(int fd) => Fd = fd;

    public int Fd { get; private set; }

    /// <summary>Held by whoever sends, when more than one thread may send.</summary>
    public Lock SendLock { get; } = new();

    /// <summary>Connects to the broker at <paramref name="path"/>; throws <see cref="BrokerUnreachableException"/>.</summary>
    public static FrameSocket Connect(string path)
    {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) throw new BrokerUnreachableException(path, LastError);
        byte* address = stackalloc byte[110];
        int length = UnixAddress(path, new Span<byte>(address, 110));
        int rc;
        do rc = connect(fd, address, length);
        while (rc < 0 && LastError == EINTR);
        if (rc < 0)
        {
            int errno = LastError;
            close(fd);
            throw new BrokerUnreachableException(path, errno);
        }
        return new FrameSocket(fd);
    }

    /// <summary>The peer's pid, uid and gid (SO_PEERCRED).</summary>
    public (int Pid, int Uid, int Gid) PeerCredentials()
    {
        UCred cred;
        int length = sizeof(UCred);
        if (getsockopt(Fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) < 0)
            throw new IOException($"SO_PEERCRED: {StrError(LastError)}");
        return (cred.Pid, cred.Uid, cred.Gid);
    }

    /// <summary>Sends one encoded frame; <paramref name="fds"/> ride with its first byte.</summary>
    public void Send(ReadOnlySpan<byte> frame, ReadOnlySpan<int> fds = default)
    {
        if (fds.Length > MaxFdsPerMessage) throw new ArgumentException($"at most {MaxFdsPerMessage} descriptors");
        int controlLength = fds.IsEmpty ? 0 : CmsgSpace(4 * fds.Length);
        byte* control = stackalloc byte[Math.Max(controlLength, 1)];
        if (!fds.IsEmpty)
        {
            new Span<byte>(control, controlLength).Clear();
            *(nint*)control = CmsgLen(4 * fds.Length);
            ((int*)control)[2] = SOL_SOCKET;
            ((int*)control)[3] = SCM_RIGHTS;
            for (int i = 0; i < fds.Length; i++) ((int*)(control + 16))[i] = fds[i];
        }
        int sent = 0;
        fixed (byte* data = frame)
        {
            while (sent < frame.Length)
            {
                IoVec iov = new() { Base = data + sent, Length = frame.Length - sent };
                MsgHdr msg = new() { Iov = &iov, IovLength = 1 };
                if (sent == 0 && controlLength > 0)
                {
                    msg.Control = control;
                    msg.ControlLength = controlLength;
                }
                nint n = sendmsg(Fd, &msg, MSG_NOSIGNAL);
                if (n < 0)
                {
                    if (LastError == EINTR) continue;
                    throw new IOException($"send: {StrError(LastError)}");
                }
                sent += (int)n;
            }
        }
    }

    /// <summary>
    /// Receives one frame: its type and body, and any descriptors that came with it (close-on-exec) appended to
    /// <paramref name="fds"/>. Returns false at a clean end of stream before a frame starts.
    /// </summary>
    public bool Receive(out MessageType type, out byte[] body, List<int>? fds = null)
    {
        type = 0;
        body = [];
        if (!ReadExactly(_header, fds, allowEof: true)) return false;
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(_header);
        if (length < 1 || length > WireProtocol.MaxFrame) throw new InvalidDataException($"bad frame length {length}");
        byte[] frame = new byte[length];
        ReadExactly(frame, fds, allowEof: false);
        type = (MessageType)frame[0];
        body = frame[1..];
        return true;
    }

    private bool ReadExactly(Span<byte> buffer, List<int>? fds, bool allowEof)
    {
        const int ControlSize = 16 + 4 * MaxFdsPerMessage + 8;
        byte* control = stackalloc byte[ControlSize];
        int got = 0;
        fixed (byte* data = buffer)
        {
            while (got < buffer.Length)
            {
                IoVec iov = new() { Base = data + got, Length = buffer.Length - got };
                MsgHdr msg = new() { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlSize };
                nint n = recvmsg(Fd, &msg, MSG_CMSG_CLOEXEC);
                if (n < 0)
                {
                    if (LastError == EINTR) continue;
                    throw new IOException($"receive: {StrError(LastError)}");
                }
                TakeDescriptors(&msg, fds);
                if (n == 0)
                {
                    if (got == 0 && allowEof) return false;
                    throw new EndOfStreamException("connection closed in the middle of a frame");
                }
                got += (int)n;
            }
        }
        return true;
    }

    private static void TakeDescriptors(MsgHdr* msg, List<int>? fds)
    {
        byte* at = (byte*)msg->Control;
        byte* end = at + msg->ControlLength;
        while (msg->ControlLength > 0 && at + 16 <= end)
        {
            nint length = *(nint*)at;
            if (length < 16 || at + length > end) break;
            int level = ((int*)at)[2], kind = ((int*)at)[3];
            if (level == SOL_SOCKET && kind == SCM_RIGHTS)
            {
                int count = (int)(length - 16) / 4;
                for (int i = 0; i < count; i++)
                {
                    int fd = ((int*)(at + 16))[i];
                    if (fds is not null) fds.Add(fd);
                    else close(fd);
                }
            }
            at += (length + 7) & ~7;
        }
    }

    private static int CmsgLen(int n) => 16 + n;
    private static int CmsgSpace(int n) => 16 + ((n + 7) & ~7);

    /// <summary>Closes the sending direction: the peer reads end of stream.</summary>
    public void ShutdownSend() => shutdown(Fd, 1);

    public void Dispose()
    {
        if (Fd >= 0) close(Fd);
        Fd = -1;
    }
}

/// <summary>The broker socket could not be connected to.</summary>
public sealed class BrokerUnreachableException(string path, int errno)
    : Exception($"cannot reach the broker at {path}: {Interop.Libc.StrError(errno)}")
{
    public int Errno { get; } = errno;
}
