namespace Ptracer.Spawn;

/// <summary>Collects a child's syscalls in order and lays them out as a <see cref="ChildProgram"/>.</summary>
internal sealed unsafe class ChildProgramBuilder
{
    private readonly List<ChildOp> _ops = new(96); // room for a spawn's usual ops (64 signal resets among them) without regrowing

    /// <summary>Appends one syscall; returns its index.</summary>
    public int Add(long number, SpawnStage stage, long a0 = 0, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0,
        long a5 = 0, ChildOpFlags flags = ChildOpFlags.None)
    {
        _ops.Add(new ChildOp
        {
            Number = number, Arg0 = a0, Arg1 = a1, Arg2 = a2, Arg3 = a3, Arg4 = a4, Arg5 = a5,
            Flags = flags, Stage = stage, OkDelta = sizeof(ChildOp),
        });
        return _ops.Count - 1;
    }

    /// <summary>
    /// Op <paramref name="index"/> continues <paramref name="okSkip"/> ops further on success, and a failure with
    /// -<paramref name="errno"/> continues <paramref name="failSkip"/> ops further instead of being reported.
    /// </summary>
    public void Branch(int index, int okSkip, int errno, int failSkip)
    {
        ChildOp op = _ops[index];
        op.OkDelta = (1 + okSkip) * sizeof(ChildOp);
        op.AlternativeResult = -errno;
        op.FailDelta = (1 + failSkip) * sizeof(ChildOp);
        _ops[index] = op;
    }

    public ChildProgram* Build(NativeArena arena, long cloneFlags, int errorPipe, long childStack = 0)
    {
        byte* memory = arena.Alloc<byte>(sizeof(ChildProgram) + _ops.Count * sizeof(ChildOp));
        var program = (ChildProgram*)memory;
        program->CloneFlags = cloneFlags;
        program->ErrorPipe = errorPipe;
        program->ChildStack = childStack;
        var ops = (ChildOp*)(memory + sizeof(ChildProgram));
        for (int i = 0; i < _ops.Count; i++) ops[i] = _ops[i];
        return program;
    }
}
