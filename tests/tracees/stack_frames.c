/* Syscalls three calls deep (f1 -> f2 -> f3), for -k: each frame has a symbol of its own. */
#include <unistd.h>
#include <sys/syscall.h>

__attribute__((noinline)) void f3(void) { write(1, "x\n", 2); }
__attribute__((noinline)) void f2(void) { f3(); __asm__ volatile("" ::: "memory"); }
__attribute__((noinline)) void f1(void) { f2(); getppid(); }

int main(void)
{
    f1();
    syscall(SYS_getpid);
    return 0;
}
