// strace-diff:
// strace-diff: -X raw
// strace-diff: -e trace=statfs,fstatfs,sync_file_range,fsync,fdatasync,fallocate,ftruncate,flock,syncfs
// strace-diff-m32:
// Filesystem calls on descriptors and paths that do not exist.
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
    syscall(SYS_statfs, "nonexistent", NULL);
    syscall(SYS_fstatfs, NOFD, NULL);
    syscall(SYS_sync_file_range, NOFD, 0, 4096, 0x1 | 0x2 | 0x4);
    syscall(SYS_fsync, NOFD);
    syscall(SYS_fdatasync, -1);
    syscall(SYS_fallocate, NOFD, 0x1 | 0x2, 0, 4096);
    syscall(SYS_ftruncate, NOFD, 1234);
    syscall(SYS_flock, NOFD, LOCK_EX | LOCK_NB);
    syscall(SYS_syncfs, NOFD);
    return 0;
}
