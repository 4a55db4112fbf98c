// strace-diff:
// strace-diff: -e trace=/sched_
// strace-diff: -X raw -e trace=/sched_
// strace-diff-m32:
// Scheduler queries with answers that do not depend on the machine, and calls it refuses.
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
    struct { long s, ns; } ts;
    syscall(SYS_sched_get_priority_max, SCHED_FIFO);
    syscall(SYS_sched_get_priority_min, SCHED_RR);
    syscall(SYS_sched_get_priority_max, SCHED_OTHER);
    syscall(SYS_sched_get_priority_max, 99);
    syscall(SYS_sched_getscheduler, 999999);
    syscall(SYS_sched_getparam, 999999, &ts);
    syscall(SYS_sched_rr_get_interval, 999999, &ts);
    syscall(SYS_sched_getaffinity, 0, 3, NULL);
    syscall(SYS_sched_setaffinity, 999999, 8, BAD);
    syscall(SYS_sched_yield);
    return 0;
}
