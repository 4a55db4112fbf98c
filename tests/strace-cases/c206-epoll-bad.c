// strace-diff:
// strace-diff: -e trace=/epoll
// strace-diff: -X raw -e trace=/epoll
// strace-diff-m32:
// epoll calls on bad descriptors and with bad operations: the events struct and op names decoded.
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
    struct { uint32_t events; uint64_t data; } __attribute__((packed)) ev = { 0x1 | 0x4 | (1u << 31), 0x1234 };
    syscall(SYS_epoll_create, 0);
    syscall(SYS_epoll_create1, 0x1);
    syscall(SYS_epoll_ctl, NOFD, 1, 0, &ev);
    syscall(SYS_epoll_ctl, -1, 2, 5, NULL);
    syscall(SYS_epoll_ctl, NOFD, 3, 5, &ev);
    syscall(SYS_epoll_ctl, NOFD, 9, 5, &ev);
    syscall(SYS_epoll_wait, NOFD, &ev, 1, 0);
    syscall(SYS_epoll_pwait, -1, &ev, 2, 10, NULL, 8);
    syscall(SYS_epoll_pwait2, NOFD, &ev, 1, NULL, NULL, 8);
    return 0;
}
