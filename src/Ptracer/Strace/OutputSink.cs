using System.Runtime.InteropServices;
using Ptracer.Native;

namespace Ptracer.Strace;

/// <summary>
/// Where trace lines go: a descriptor written through a buffer of its own. Files are flushed when the buffer fills
/// and at the end; stderr after every line, as a person reading it alongside the program's output expects.
/// </summary>
public sealed unsafe class OutputSink : IDisposable
{
    private readonly int _fd;
    private readonly bool _ownsFd;
    private readonly bool _flushEachLine;
    private readonly byte[] _buffer;
    private int _length;
    private int _pipeCommandPid;

    private OutputSink(int fd, bool ownsFd, bool flushEachLine, int capacity)
    {
        _fd = fd;
        _ownsFd = ownsFd;
        _flushEachLine = flushEachLine;
        _buffer = new byte[capacity];
    }

    public static OutputSink StandardError() => new(2, ownsFd: false, flushEachLine: true, capacity: 8192);

    /// <summary>Creates or truncates <paramref name="path"/> (O_CLOEXEC, so tracees never inherit it).</summary>
    public static OutputSink CreateFile(string path, bool append = false)
    {
        const int O_WRONLY = 1, O_CREAT = 0x40, O_TRUNC = 0x200, O_APPEND = 0x400;
        int mode = append ? O_APPEND : O_TRUNC;
        int fd = Interop.Libc.open(path, O_WRONLY | O_CREAT | mode | Interop.Flags.O_CLOEXEC, 438 /* 0666 */);
        if (fd < 0) throw new StraceUsageException($"Can't fopen '{path}': {Interop.Libc.StrError(Marshal.GetLastPInvokeError())}");
        return new OutputSink(fd, ownsFd: true, flushEachLine: false, capacity: 1 << 16);
    }

    /// <summary>-o FILE, or -o '|COMMAND' / -o '!COMMAND': the output piped to `sh -c COMMAND` (strace(1), -o).</summary>
    public static OutputSink Open(string target, bool append = false) =>
        target.Length > 0 && target[0] is '|' or '!' ? PipeTo(target[1..], target) : CreateFile(target, append);

    /// <summary>Starts `/bin/sh -c COMMAND` reading a pipe; Dispose closes it and waits for the command.</summary>
    private static OutputSink PipeTo(string command, string target)
    {
        int* fds = stackalloc int[2];
        if (Interop.Libc.pipe2(fds, Interop.Flags.O_CLOEXEC) < 0)
            throw new StraceUsageException($"{target}: {Interop.Libc.StrError(Marshal.GetLastPInvokeError())}");
        byte* actions = stackalloc byte[256]; // posix_spawn_file_actions_t is 80 bytes in glibc
        Interop.Libc.posix_spawn_file_actions_init(actions);
        Interop.Libc.posix_spawn_file_actions_adddup2(actions, fds[0], 0);
        int pid = Daemonize.SpawnShell(command, actions, out int error);
        Interop.Libc.posix_spawn_file_actions_destroy(actions);
        Interop.Libc.close(fds[0]);
        if (error != 0)
        {
            Interop.Libc.close(fds[1]);
            throw new StraceUsageException($"{target}: {Interop.Libc.StrError(error)}");
        }
        return new OutputSink(fds[1], ownsFd: true, flushEachLine: false, capacity: 1 << 16) { _pipeCommandPid = pid };
    }

    /// <summary>Appends one complete line (the caller includes the newline).</summary>
    public void WriteLine(ReadOnlySpan<byte> line)
    {
        if (_length + line.Length > _buffer.Length) Flush();
        if (line.Length > _buffer.Length)
        {
            WriteAll(line);
            return;
        }
        line.CopyTo(_buffer.AsSpan(_length));
        _length += line.Length;
        if (_flushEachLine) Flush();
    }

    public void Flush()
    {
        if (_length == 0) return;
        WriteAll(_buffer.AsSpan(0, _length));
        _length = 0;
    }

    public void Dispose()
    {
        Flush();
        if (_ownsFd) Interop.Libc.close(_fd);
        if (_pipeCommandPid > 0) DetachedCommand.Wait(_pipeCommandPid);
        _pipeCommandPid = 0;
    }

    private void WriteAll(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                nint n = Interop.Libc.write(_fd, p + done, data.Length - done);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Interop.Errno.EINTR) continue;
                    return; // a closed pipe or full disk: the trace is lost, the tracee is not harmed
                }
                done += (int)n;
            }
        }
    }
}
