namespace Ptracer.Tests.TestSupport;

/// <summary>The x86_64 syscall numbers the engine tests look for (asm/unistd_64.h), kept here so the tests do not depend on the generated tables.</summary>
public static class X64Syscalls
{
    public const int Read = 0, Write = 1, Getpid = 39, Execve = 59, Wait4 = 61, Mkdir = 83, Getuid = 102, Getppid = 110,
        Gettid = 186, Mkdirat = 258, Execveat = 322;
}
