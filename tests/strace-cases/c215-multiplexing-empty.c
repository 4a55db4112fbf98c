// strace-diff:
// strace-diff: -e trace=select,pselect6,poll,ppoll
// strace-diff: -X raw -e trace=select,pselect6,poll,ppoll
// strace-diff-m32:
// select, pselect6, poll and ppoll with no descriptors and zero timeouts: the timeouts and results decoded.
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
    struct { long s, us; } tv = { 0, 0 };
    struct { long s, ns; } ts = { 0, 0 };
    syscall(SYS_select, 0, NULL, NULL, NULL, &tv);
    syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, NULL);
    syscall(SYS_poll, NULL, 0, 0);
    syscall(SYS_ppoll, NULL, 0, &ts, NULL, 8);
    syscall(SYS_select, -1, NULL, NULL, NULL, NULL);
    syscall(SYS_poll, BAD, 1, 0);
    return 0;
}
