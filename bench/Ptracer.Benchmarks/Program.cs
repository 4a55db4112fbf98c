using BenchmarkDotNet.Running;

if (args is ["sandbox", .. var rest]) return Ptracer.Benchmarks.SandboxLoop.Run(rest);
BenchmarkSwitcher.FromAssembly(typeof(Ptracer.Benchmarks.DecoderBenchmarks).Assembly).Run(args);
return 0;
