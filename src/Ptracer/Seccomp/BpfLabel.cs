namespace Ptracer.Seccomp;

/// <summary>A position in a <see cref="BpfAssembler"/> program, named before it is known.</summary>
public readonly record struct BpfLabel(int Id);
