// strace-diff:
// strace-diff: -e trace=%clock
// strace-diff: -X verbose -e trace=%clock
// strace-diff-m32:
// Clock and timer calls with clocks and timers that do not exist: EINVAL, the clock ids named.
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
    struct { long s, ns; } ts = { 0, 0 };
    syscall(SYS_clock_gettime, 99, &ts);
    syscall(SYS_clock_getres, 77, &ts);
    syscall(SYS_clock_nanosleep, 55, 0, &ts, NULL);
    syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts);
    syscall(SYS_timer_settime, 12345, 0, NULL, NULL);
    syscall(SYS_timer_gettime, 12345, NULL);
    syscall(SYS_timer_delete, 12345);
    syscall(SYS_timer_getoverrun, 12345);
    syscall(SYS_clock_getres, CLOCK_BOOTTIME, NULL);
    syscall(SYS_nanosleep, NULL, NULL);
    return 0;
}
