using Ptracer.Engine;
using Ptracer.Spawn;
using Ptracer.Strace;
using Ptracer.Tests.TestSupport;
using Xunit;

namespace Ptracer.Tests.Performance;

/// <summary>
/// The hot loop allocates nothing for a stop that nothing prints (DESIGN.md, decision 6): the bytes the tracer
/// thread allocates do not grow with the number of syscalls traced. Two runs of the same program with 2,000 and
/// 20,000 iterations (8,000 and 80,000 stops) must allocate about the same.
/// </summary>
public sealed class AllocationTests
{
    private sealed class CountingHandler : TraceHandler
    {
        public long Entries;
        public override void OnSyscallEntry(Tracee tracee) => Entries++;
    }

    private static long AllocatedWhileTracing(int iterations, Func<TraceHandler> handler, out TraceResult result)
    {
        string program = TraceeBuilder.Build("syscall_loop");
        var tracer = new Tracer(new TracerOptions { FollowChildren = true });
        TraceHandler h = handler();
        long before = GC.GetAllocatedBytesForCurrentThread();
        result = tracer.Run(new SpawnOptions { Program = program, Arguments = [program, iterations.ToString()] }, h);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void Engine_loop_allocation_does_not_grow_with_stops()
    {
        // Warm up: first-call costs (JIT, type loading, dictionary growth) are not per-stop costs.
        AllocatedWhileTracing(100, () => new CountingHandler(), out _);
        long small = AllocatedWhileTracing(2_000, () => new CountingHandler(), out TraceResult r1);
        long large = AllocatedWhileTracing(20_000, () => new CountingHandler(), out TraceResult r2);
        Assert.Equal(0, r1.ExitCode);
        Assert.Equal(0, r2.ExitCode);
        // 72,000 more stops: even 1 byte per stop would show as 72 KB.
        Assert.True(large - small < 16 * 1024, $"2,000 iterations allocated {small} bytes, 20,000 allocated {large}");
    }

    [Fact]
    public void Strace_renderer_allocates_nothing_per_stop_it_does_not_print()
    {
        StraceOptions Options()
        {
            var o = StraceOptionParser.Parse(["-f", "-o", "/dev/null", "-e", "trace=none", "/bin/true"]);
            return o;
        }
        AllocatedWhileTracing(100, () => new StraceRenderer(Options()), out _);
        long small = AllocatedWhileTracing(2_000, () => new StraceRenderer(Options()), out _);
        long large = AllocatedWhileTracing(20_000, () => new StraceRenderer(Options()), out _);
        Assert.True(large - small < 16 * 1024, $"2,000 iterations allocated {small} bytes, 20,000 allocated {large}");
    }

    [Fact]
    public void Strace_renderer_printing_simple_lines_allocates_nothing_per_line()
    {
        StraceOptions Options() => StraceOptionParser.Parse(["-f", "-o", "/dev/null", "-e", "trace=getppid,write", "--no-seccomp-bpf", "/bin/true"]);
        AllocatedWhileTracing(100, () => new StraceRenderer(Options()), out _);
        long small = AllocatedWhileTracing(2_000, () => new StraceRenderer(Options()), out _);
        long large = AllocatedWhileTracing(20_000, () => new StraceRenderer(Options()), out _);
        Assert.True(large - small < 16 * 1024, $"2,000 iterations allocated {small} bytes, 20,000 allocated {large}");
    }
}
