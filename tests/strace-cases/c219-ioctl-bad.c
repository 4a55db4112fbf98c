// strace-diff:
// strace-diff: -e trace=ioctl
// strace-diff: -X raw -e trace=ioctl
// strace-diff: -X verbose -e trace=ioctl
// strace-diff-m32:
// ioctl requests on descriptors that cannot take them: the request names decoded.
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
    int n;
    syscall(SYS_ioctl, NOFD, 0x5401, NULL);
    syscall(SYS_ioctl, NOFD, 0x541B, &n);
    syscall(SYS_ioctl, NOFD, 0x5421, &n);
    syscall(SYS_ioctl, NOFD, 0x5413, NULL);
    syscall(SYS_ioctl, NOFD, 0x540F, &n);
    syscall(SYS_ioctl, NOFD, 0x5451, 0);
    syscall(SYS_ioctl, NOFD, 0x8933, NULL);
    syscall(SYS_ioctl, NOFD, 0xdeadbeef, 0);
    return 0;
}
