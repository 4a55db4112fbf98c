// strace-diff:
// strace-diff: -e trace=%signal,set_tid_address
// strace-diff: -X raw -e trace=%signal,set_tid_address
// strace-diff-m32:
// Signal calls with signals and ids the kernel refuses; the signal names and sets decoded.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#define BAD ((long)0x1)
#define NOFD 999
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/file.h>
#include <sched.h>
#include <time.h>
#define PROT_READ_X (PROT_READ | PROT_EXEC)

int main(void)
{
    uint64_t set = (1ULL << (SIGUSR1 - 1)) | (1ULL << (SIGTERM - 1));
    struct { long s, ns; } ts = { 0, 0 };
    syscall(SYS_kill, 999999, 0);
    syscall(SYS_kill, getpid(), 99);
    syscall(SYS_tgkill, 999999, 999999, SIGUSR2);
    syscall(SYS_tkill, 999999, SIGHUP);
    syscall(SYS_rt_sigaction, 99, NULL, NULL, 8);
    syscall(SYS_rt_sigaction, SIGKILL, BAD, NULL, 8);
    syscall(SYS_rt_sigprocmask, 7, &set, NULL, 8);
    syscall(SYS_rt_sigpending, BAD, 8);
    syscall(SYS_rt_sigtimedwait, &set, NULL, &ts, 8);
    syscall(SYS_rt_sigqueueinfo, 999999, SIGUSR1, NULL);
    syscall(SYS_sigaltstack, BAD, NULL);
    return 0;
}
