// strace-diff:
// strace-diff: -e quiet=none
// strace-diff: -e quiet=none -e trace=getppid,write,set_tid_address
// strace-diff: -f --seccomp-bpf -e quiet=none -e trace=getpid,set_tid_address
// strace-diff-m32:
// A 64-bit program that makes i386 syscalls through int 0x80: each switch of ABI is announced as
// "[ Process PID=N runs in 32 bit mode. ]" (strace's update_personality), traced syscall or not, and the
// i386 calls are decoded with the i386 table. -o FILE implies -q, which hides the announcements unless
// -e quiet= is given. With -f and a narrow trace set ptracer filters with seccomp by default (strace only with
// --seccomp-bpf), so untraced syscalls do not stop and a switch shows at the next traced one: compared here with
// strace --seccomp-bpf. Numbers no table names (syscall_0xffff) stop and print whatever trace= says, as in strace.
// The static, non-PIE binary keeps the string below 4 GiB for the 32-bit write.
#include <unistd.h>

static long int80(long nr, long a, long b, long c)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

int main(void)
{
    static const char text[] = "i386 write\n";
    int80(20, 0, 0, 0);                                   /* getpid */
    int80(4, 1, (long)text, sizeof text - 1);             /* write */
    getppid();
    int80(64, 0, 0, 0);                                   /* getppid */
    int80(-1 & 0xffff, 0, 0, 0);                          /* an unknown i386 number */
    write(1, "x86_64 write\n", 13);
    return 0;
}
