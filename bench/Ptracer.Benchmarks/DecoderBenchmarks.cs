using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using Ptracer.Engine;
using Ptracer.Strace;
using Ptracer.Syscalls;

namespace Ptracer.Benchmarks;

/// <summary>
/// Formatting cost of typical strace lines. The "tracee" is this process itself: TraceeMemory reads our own memory
/// with process_vm_readv, the same path as for a real tracee, so string and struct decoding are measured end to end.
/// </summary>
[MemoryDiagnoser]
public unsafe class DecoderBenchmarks
{
    private readonly TextBuilder _builder = new(1024);
    private SyscallFormatter _formatter = null!;
    private SyscallContext _write = null!;
    private SyscallContext _openat = null!;
    private SyscallContext _read = null!;
    private nint _data;
    private nint _path;

    [GlobalSetup]
    public void Setup()
    {
        _formatter = new SyscallFormatter(new DecodeOptions());
        byte[] text = Encoding.ASCII.GetBytes("hello\n\tworld\x01\x02 and some more text past thirty-two bytes\0");
        _data = (nint)NativeMemory.Alloc((nuint)text.Length);
        text.CopyTo(new Span<byte>((void*)_data, text.Length));
        byte[] path = Encoding.ASCII.GetBytes("/usr/lib/x86_64-linux-gnu/libc.so.6\0");
        _path = (nint)NativeMemory.Alloc((nuint)path.Length);
        path.CopyTo(new Span<byte>((void*)_path, path.Length));

        var memory = new TraceeMemory(Environment.ProcessId);
        _write = Context(memory, "write", [1, (ulong)_data, 14]);
        _openat = Context(memory, "openat", [unchecked((ulong)-100), (ulong)_path, 0x80000, 0]);
        _read = Context(memory, "read", [3, (ulong)_data, 64]);
        _read.Exiting = true;
        _read.ReturnValue = 40;
    }

    private static SyscallContext Context(TraceeMemory memory, string name, ulong[] args)
    {
        var ctx = new SyscallContext(memory) { Arch = SyscallArch.X86_64, Def = SyscallTable.X86_64.ByName(name)! };
        args.CopyTo(ctx.Args);
        return ctx;
    }

    [Benchmark]
    public int WriteLine()
    {
        _builder.Clear();
        _formatter.FormatEntry(_write, _builder);
        _write.Exiting = true;
        _write.ReturnValue = 14;
        _formatter.FormatExit(_write, _builder);
        _formatter.FormatReturn(_write, _builder);
        _write.Exiting = false;
        return _builder.Length;
    }

    [Benchmark]
    public int OpenatLine()
    {
        _builder.Clear();
        _formatter.FormatEntry(_openat, _builder);
        _openat.Exiting = true;
        _openat.ReturnValue = 3;
        _formatter.FormatExit(_openat, _builder);
        _formatter.FormatReturn(_openat, _builder);
        _openat.Exiting = false;
        return _builder.Length;
    }

    [Benchmark]
    public int ReadExitWithBuffer()
    {
        _builder.Clear();
        _formatter.FormatExit(_read, _builder);
        _formatter.FormatReturn(_read, _builder);
        return _builder.Length;
    }
}
