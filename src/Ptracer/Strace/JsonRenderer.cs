using System.Buffers;
using System.Text.Json;
using Ptracer.Engine;
using Ptracer.Syscalls;

namespace Ptracer.Strace;

/// <summary>
/// --json: one JSON object per line and event, for machines. A syscall is one object written at its exit:
/// {"type":"syscall","pid":..,"tid":..,"name":"openat","args":"AT_FDCWD, \"x\", O_RDONLY","retval":3}
/// with "error":"ENOENT" when it failed. Arguments are strace's decoded text.
/// </summary>
public sealed class JsonRenderer : TraceHandler, IDisposable
{
    private readonly StraceOptions _options;
    private readonly SyscallFormatter _formatter;
    private readonly OutputSink _sink;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly TextBuilder _text = new();

    public JsonRenderer(StraceOptions options)
    {
        _options = options;
        _formatter = new SyscallFormatter(options.Decode);
        _sink = options.OutputFile is null ? OutputSink.StandardError() : OutputSink.CreateFile(options.OutputFile);
        _json = new Utf8JsonWriter(_buffer);
    }

    public override void OnAttached(Tracee tracee) => tracee.UserState ??= new SyscallContext(tracee.Memory);

    public override void OnSyscallEntry(Tracee tracee)
    {
        SyscallContext ctx = (SyscallContext)tracee.UserState!;
        SyscallDef? def = tracee.Syscall;
        ctx.EntryText = null;
        if (def is null || _options.Trace is { } t && !t.Contains(tracee.Arch, tracee.SyscallNumber)) return;
        ctx.Rebind(tracee.Memory);
        ctx.Arch = tracee.Arch;
        ctx.Def = def;
        tracee.Arguments.CopyTo(ctx.Args);
        ctx.Exiting = false;
        _text.Clear();
        _formatter.FormatEntry(ctx, _text);
        // Kept until the exit completes it; JSON mode is for machines, not for the allocation-free path.
        ctx.EntryText = _text.ToString();
    }

    public override void OnSyscallExit(Tracee tracee)
    {
        SyscallContext ctx = (SyscallContext)tracee.UserState!;
        if (ctx.EntryText is null) return;
        ctx.Exiting = true;
        ctx.ReturnValue = tracee.ReturnValue;
        ctx.IsError = tracee.IsError;
        if (_options.Status != StatusFilter.All && (_options.Status & (ctx.IsError ? StatusFilter.Failed : StatusFilter.Successful)) == 0) return;
        _text.Clear();
        _text.Append(ctx.EntryText);
        _formatter.FormatExit(ctx, _text);
        string args = _text.ToString();
        _text.Clear();
        _formatter.FormatReturn(ctx, _text);
        Write(tracee, "syscall", w =>
        {
            w.WriteString("name", ctx.Def.Name);
            w.WriteString("args", args);
            w.WriteNumber("retval", ctx.IsError ? -1 : ctx.ReturnValue);
            if (ctx.IsError)
            {
                int errno = (int)-ctx.ReturnValue;
                w.WriteString("error", ErrnoNames.Name(errno) ?? errno.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            w.WriteString("result", _text.ToString());
        });
        ctx.EntryText = null;
    }

    public override int OnSignal(Tracee tracee, in SignalDelivery signal)
    {
        _text.Clear();
        SiginfoFormatter.Format(signal.SigInfo, _text);
        string info = _text.ToString();
        string name = SignalNames.Name(signal.Signal);
        Write(tracee, "signal", w =>
        {
            w.WriteString("signal", name);
            w.WriteString("siginfo", info);
        });
        return signal.Signal;
    }

    public override void OnExec(Tracee tracee, int formerTid) =>
        Write(tracee, "exec", w => w.WriteNumber("formerTid", formerTid));

    public override void OnNewTracee(Tracee parent, Tracee child, NewTraceeKind kind) =>
        Write(parent, "child", w =>
        {
            w.WriteNumber("child", child.Tid);
            w.WriteString("kind", kind.ToString().ToLowerInvariant());
        });

    public override void OnExited(Tracee tracee, int exitCode) =>
        Write(tracee, "exit", w => w.WriteNumber("status", exitCode));

    public override void OnKilled(Tracee tracee, int signal, bool coreDumped) =>
        Write(tracee, "killed", w =>
        {
            w.WriteString("signal", SignalNames.Name(signal));
            w.WriteBoolean("coreDumped", coreDumped);
        });

    public override void OnDetached(Tracee tracee) => Write(tracee, "detached", _ => { });

    public void Dispose()
    {
        _json.Dispose();
        _sink.Dispose();
    }

    private void Write(Tracee tracee, string type, Action<Utf8JsonWriter> body)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("type", type);
        _json.WriteNumber("time", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        _json.WriteNumber("pid", tracee.ProcessId);
        _json.WriteNumber("tid", tracee.Tid);
        body(_json);
        _json.WriteEndObject();
        _json.Flush();
        _sink.WriteLine(_buffer.WrittenSpan);
        _sink.WriteLine("\n"u8);
    }
}
