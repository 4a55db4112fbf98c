// strace-diff:
// strace-diff: -e trace=dup,dup2,dup3,fcntl
// strace-diff: -X raw -e trace=dup,dup2,dup3,fcntl
// strace-diff-m32:
// dup, dup2, dup3 and fcntl on descriptors that are not open, and with commands the kernel does not know.
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
    syscall(SYS_dup, NOFD);
    syscall(SYS_dup2, NOFD, 10);
    syscall(SYS_dup3, 1, 1, O_CLOEXEC);
    syscall(SYS_dup3, NOFD, 12, 0x4);
    syscall(SYS_fcntl, NOFD, F_GETFD);
    syscall(SYS_fcntl, NOFD, F_SETFL, O_NONBLOCK | O_APPEND);
    syscall(SYS_fcntl, NOFD, F_DUPFD_CLOEXEC, 3);
    syscall(SYS_fcntl, 1, 12345, 0);
    syscall(SYS_fcntl, NOFD, F_SETLK, NULL);
    syscall(SYS_fcntl, NOFD, F_GETOWN_EX, NULL);
    syscall(SYS_fcntl, NOFD, F_ADD_SEALS, 0x1 | 0x8);
    return 0;
}
