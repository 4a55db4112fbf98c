// strace-diff:
// strace-diff: -e trace=wait4,waitid
// strace-diff: -X raw -e trace=wait4,waitid
// strace-diff-m32:
// wait4 and waitid without children: ECHILD, with the options and id types named.
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
    int status;
    syscall(SYS_wait4, -1, &status, WNOHANG, NULL);
    syscall(SYS_wait4, 999999, NULL, WUNTRACED | WCONTINUED, NULL);
    syscall(SYS_wait4, -1, NULL, 0x40000000 | 0x80000000, NULL);
    syscall(SYS_waitid, P_ALL, 0, NULL, WEXITED | WNOHANG, NULL);
    syscall(SYS_waitid, P_PID, 999999, NULL, WSTOPPED, NULL);
    syscall(SYS_waitid, 9, 0, NULL, WEXITED, NULL);
    return 0;
}
