// strace-diff:
// strace-diff: -X raw
// strace-diff: -e trace=read,write,pread64,pwrite64,readv,writev,preadv,pwritev,preadv2,pwritev2 -s 4
// strace-diff-m32:
// Reads and writes of every flavour on descriptors that are not open (-1 and 999): EBADF, with the buffers and vectors still decoded.
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
    char buf[8] = "abcdefg";
    struct { void *base; long len; } iov[2] = { { buf, 3 }, { buf + 3, 4 } };
    syscall(SYS_read, -1, buf, 8);
    syscall(SYS_write, NOFD, "hello", 5);
    syscall(SYS_pread64, -1, buf, 8, 100);
    syscall(SYS_pwrite64, NOFD, "x", 1, 4096);
    syscall(SYS_readv, -1, iov, 2);
    syscall(SYS_writev, NOFD, iov, 2);
    syscall(SYS_preadv, -1, iov, 2, 7, 0);
    syscall(SYS_pwritev, NOFD, iov, 1, 0, 0);
    syscall(SYS_preadv2, -1, iov, 2, 5, 0, 0x1);
    syscall(SYS_pwritev2, NOFD, iov, 2, -1, -1, 0x4);
    syscall(SYS_writev, NOFD, NULL, 0);
    return 0;
}
