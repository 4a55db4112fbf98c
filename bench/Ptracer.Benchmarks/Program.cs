using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Ptracer.Benchmarks.DecoderBenchmarks).Assembly).Run(args);
