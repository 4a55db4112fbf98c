using System.Text;

namespace Ptracer.Tests.TestSupport;

/// <summary>
/// A pipe (both ends close-on-exec) whose one end a test hands to a tracee through
/// <see cref="Spawn.SpawnOptions.FileDescriptors"/> or posix_spawn. Reads never wait for EOF: another session's
/// fork child may briefly hold a copy of the write end, so the tests read what is there (all of it, once the
/// writer has exited) or wait with a deadline for a marker.
/// </summary>
internal sealed unsafe class TestPipe : IDisposable
{
    private readonly StringBuilder _received = new();

    public TestPipe()
    {
        int* fds = stackalloc int[2];
        if (TestNative.pipe2(fds, TestNative.O_CLOEXEC) != 0)
            throw new InvalidOperationException($"pipe2 failed: errno {TestNative.LastError}");
        ReadFd = fds[0];
        WriteFd = fds[1];
    }

    public int ReadFd { get; private set; }
    public int WriteFd { get; private set; }

    /// <summary>Everything read so far.</summary>
    public string Received
    {
        get
        {
            lock (_received) return _received.ToString();
        }
    }

    /// <summary>Reads whatever the pipe holds now, without waiting; returns all text received so far.</summary>
    public string Drain()
    {
        while (ReadOnce(0) > 0) { }
        return Received;
    }

    /// <summary>Reads until the text received contains <paramref name="marker"/>; throws on timeout or EOF.</summary>
    public string WaitFor(string marker, TimeSpan? timeout = null) =>
        WaitFor(text => text.Contains(marker, StringComparison.Ordinal), $"\"{marker.Trim()}\"", timeout);

    /// <summary>Reads until <paramref name="condition"/> holds for the text received; throws on timeout or EOF.</summary>
    public string WaitFor(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Polling.DefaultTimeout);
        while (!condition(Received))
        {
            int left = (int)Math.Max(0, (deadline - DateTime.UtcNow).TotalMilliseconds);
            if (left == 0) throw new TimeoutException($"timed out waiting for {what}; got \"{Received}\"");
            if (ReadOnce(left) == 0) throw new EndOfStreamException($"pipe closed before {what}; got \"{Received}\"");
        }
        return Received;
    }

    /// <summary>Writes one byte to the write end.</summary>
    public void WriteByte(byte value)
    {
        if (TestNative.write(WriteFd, &value, 1) != 1)
            throw new InvalidOperationException($"write failed: errno {TestNative.LastError}");
    }

    public void CloseWrite()
    {
        if (WriteFd >= 0) TestNative.close(WriteFd);
        WriteFd = -1;
    }

    public void Dispose()
    {
        CloseWrite();
        if (ReadFd >= 0) TestNative.close(ReadFd);
        ReadFd = -1;
    }

    // Returns bytes read, -1 if nothing arrived within timeoutMs, 0 at EOF.
    private int ReadOnce(int timeoutMs)
    {
        var pfd = new TestNative.PollFd { Fd = ReadFd, Events = TestNative.POLLIN };
        int ready = TestNative.poll(&pfd, 1, timeoutMs);
        if (ready < 0 && TestNative.LastError == TestNative.EINTR) return -1;
        if (ready <= 0) return -1;
        byte* buffer = stackalloc byte[4096];
        nint n = TestNative.read(ReadFd, buffer, 4096);
        if (n < 0) return TestNative.LastError == TestNative.EINTR ? -1 : 0;
        if (n > 0)
        {
            lock (_received) _received.Append(Encoding.UTF8.GetString(buffer, (int)n));
        }
        return (int)n;
    }
}
