using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Ptracer.Engine;
using Ptracer.Strace;
using Ptracer.Syscalls;

namespace Ptracer.Tests.Strace;

/// <summary>
/// Decodes syscalls whose "tracee" is the test process itself: argument bytes live in native memory owned by the
/// fixture and are read back through <see cref="TraceeMemory"/> (process_vm_readv on our own pid).
/// </summary>
internal sealed unsafe class DecoderFixture : IDisposable
{
    private const int ArenaSize = 1 << 20;
    private readonly byte* _arena;
    private int _used;

    public DecoderFixture(DecodeOptions? options = null)
    {
        _arena = (byte*)NativeMemory.AllocZeroed(ArenaSize);
        Options = options ?? new DecodeOptions();
        Formatter = new SyscallFormatter(Options);
        Context = new SyscallContext(new TraceeMemory(Environment.ProcessId)) { Arch = SyscallArch.X86_64 };
    }

    public DecodeOptions Options { get; }
    public SyscallFormatter Formatter { get; }
    public SyscallContext Context { get; }

    public void Dispose() => NativeMemory.Free(_arena);

    /// <summary>Copies bytes into the arena; returns their address.</summary>
    public ulong Put(ReadOnlySpan<byte> bytes)
    {
        int at = (_used + 15) & ~15;
        if (at + bytes.Length + 16 > ArenaSize) throw new InvalidOperationException("arena full");
        bytes.CopyTo(new Span<byte>(_arena + at, bytes.Length));
        _used = at + bytes.Length + 1;
        return (ulong)(nint)(_arena + at);
    }

    /// <summary>A NUL-terminated string.</summary>
    public ulong PutString(string s)
    {
        byte[] b = Encoding.UTF8.GetBytes(s + "\0");
        return Put(b);
    }

    public ulong PutStruct<T>(T value) where T : unmanaged => Put(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    public ulong PutLongs(params long[] values) => Put(MemoryMarshal.AsBytes(values.AsSpan()));

    public ulong PutInts(params int[] values) => Put(MemoryMarshal.AsBytes(values.AsSpan()));

    /// <summary>A NULL-terminated array of string pointers.</summary>
    public ulong PutStringArray(params string[] strings)
    {
        var pointers = new long[strings.Length + 1];
        for (int i = 0; i < strings.Length; i++) pointers[i] = (long)PutString(strings[i]);
        return PutLongs(pointers);
    }

    /// <summary>An address that cannot be read.</summary>
    public const ulong BadAddress = 0x10;

    /// <summary>The whole line strace prints (without pid and alignment): name(args) = ret.</summary>
    public string Line(string name, ulong[] args, long ret, bool isError = false)
    {
        var b = new TextBuilder();
        Entry(name, args, b);
        ExitInto(b, ret, isError);
        return b.ToString();
    }

    /// <summary>Formats the entry; returns the text after "name(".</summary>
    public string EntryText(string name, params ulong[] args)
    {
        var b = new TextBuilder();
        Entry(name, args, b);
        return b.ToString()[(name.Length + 1)..];
    }

    private void Entry(string name, ulong[] args, TextBuilder b)
    {
        SyscallDef def = SyscallTable.X86_64.ByName(name) ?? throw new ArgumentException("no syscall " + name);
        Context.Def = def;
        Context.Args.Clear();
        args.AsSpan().CopyTo(Context.Args);
        Context.Exiting = false;
        Context.IsError = false;
        Context.ReturnValue = 0;
        b.Append(name).Append((byte)'(');
        Formatter.FormatEntry(Context, b);
    }

    private void ExitInto(TextBuilder b, long ret, bool isError)
    {
        Context.Exiting = true;
        Context.IsError = isError;
        Context.ReturnValue = isError ? -ret : ret;
        Formatter.FormatExit(Context, b);
        b.Append(") = ");
        Formatter.FormatReturn(Context, b);
    }

    public static ulong Errno(string name) => (ulong)ErrnoNames.Number(name);

    public static string Hex(ulong address) => "0x" + address.ToString("x");

    /// <summary>struct stat (x86_64) with the fields the abbreviated form shows.</summary>
    public static byte[] Stat(uint mode, long size, ulong rdev = 0)
    {
        var s = new byte[144];
        BinaryPrimitives.WriteUInt64LittleEndian(s.AsSpan(0), 0xfe00);
        BinaryPrimitives.WriteUInt64LittleEndian(s.AsSpan(8), 858);
        BinaryPrimitives.WriteUInt64LittleEndian(s.AsSpan(16), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(s.AsSpan(24), mode);
        BinaryPrimitives.WriteUInt64LittleEndian(s.AsSpan(40), rdev);
        BinaryPrimitives.WriteInt64LittleEndian(s.AsSpan(48), size);
        BinaryPrimitives.WriteInt64LittleEndian(s.AsSpan(56), 4096);
        BinaryPrimitives.WriteInt64LittleEndian(s.AsSpan(64), 8);
        BinaryPrimitives.WriteInt64LittleEndian(s.AsSpan(72), 1795444477);
        BinaryPrimitives.WriteInt64LittleEndian(s.AsSpan(80), 125114947);
        BinaryPrimitives.WriteInt64LittleEndian(s.AsSpan(88), 1779294449);
        BinaryPrimitives.WriteInt64LittleEndian(s.AsSpan(104), 1779294449);
        return s;
    }
}
