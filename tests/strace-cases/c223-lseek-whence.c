// strace-diff: -e trace=lseek
// strace-diff: -X raw -e trace=lseek
// strace-diff-m32: -e trace=lseek
// lseek with every whence, SEEK_DATA and SEEK_HOLE on a file of ours, and a bad whence.
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
    int fd = syscall(SYS_openat, AT_FDCWD, "seek.txt", O_CREAT | O_RDWR | O_TRUNC, 0600);
    syscall(SYS_write, fd, "0123456789", 10);
    syscall(SYS_lseek, fd, 3, SEEK_SET);
    syscall(SYS_lseek, fd, 2, SEEK_CUR);
    syscall(SYS_lseek, fd, -1, SEEK_END);
    syscall(SYS_lseek, fd, 0, SEEK_DATA);
    syscall(SYS_lseek, fd, 0, SEEK_HOLE);
    syscall(SYS_lseek, fd, 0, 17);
    syscall(SYS_lseek, fd, -100, SEEK_SET);
    syscall(SYS_close, fd);
    syscall(SYS_unlink, "seek.txt");
    return 0;
}
