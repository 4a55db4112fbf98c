// strace-diff:
// strace-diff: -X raw
// strace-diff: -e trace=pipe2,splice,tee,vmsplice,sendfile,copy_file_range
// strace-diff-m32:
// pipe2 with bad flags, and splice, tee, vmsplice, sendfile and copy_file_range on bad descriptors.
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
    long off = 5;
    struct { void *base; long len; } iov = { "abc", 3 };
    syscall(SYS_pipe2, NULL, 0x1);
    syscall(SYS_splice, NOFD, &off, NOFD, NULL, 4096, 0x1 | 0x2);
    syscall(SYS_tee, NOFD, -1, 100, 0x4);
    syscall(SYS_vmsplice, NOFD, &iov, 1, 0x8);
    syscall(SYS_sendfile, NOFD, -1, &off, 10);
    syscall(SYS_copy_file_range, NOFD, &off, -1, NULL, 64, 0);
    return 0;
}
