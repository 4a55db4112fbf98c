// strace-diff:
// strace-diff: -X raw
// strace-diff: -e trace=eventfd2,signalfd4,timerfd_create,timerfd_settime,timerfd_gettime,inotify_init1
// strace-diff-m32:
// eventfd2, signalfd4, timerfd and inotify creation with flags the kernel refuses: EINVAL, the flags named.
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
    uint64_t mask = 1ULL << (SIGUSR1 - 1);
    syscall(SYS_eventfd2, 3, 0x1);
    syscall(SYS_signalfd4, -1, &mask, 8, 0x1);
    syscall(SYS_signalfd4, NOFD, &mask, 8, O_CLOEXEC);
    syscall(SYS_timerfd_create, 1234, 0);
    syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 0x10);
    syscall(SYS_timerfd_settime, NOFD, 1, NULL, NULL);
    syscall(SYS_timerfd_gettime, -1, NULL);
    syscall(SYS_inotify_init1, 0x12);
    syscall(SYS_inotify_add_watch, NOFD, ".", 0x100 | 0x200);
    syscall(SYS_inotify_rm_watch, NOFD, 7);
    return 0;
}
