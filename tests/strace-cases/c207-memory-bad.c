// strace-diff:
// strace-diff: -e trace=%memory
// strace-diff: -X raw -e trace=%memory
// strace-diff-m32:
// Memory calls the kernel refuses: unaligned addresses, unknown advice and flags.
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
    syscall(SYS_mmap, 0, 4096, 0x7, 0x0, -1, 0);
    syscall(SYS_mmap, 0x1000, 4096, PROT_READ_X, 0x22 | 0x10, -1, 0x1000);
    syscall(SYS_munmap, 0x1001, 4096);
    syscall(SYS_mprotect, 0x1001, 4096, 0x1);
    syscall(SYS_madvise, 0x1000, 4096, 12345);
    syscall(SYS_mlock, 0x1001, 0);
    syscall(SYS_munlock, 0, 0);
    syscall(SYS_mlock2, 0, 4096, 0x7);
    syscall(SYS_msync, 0x1001, 4096, 0x8);
    syscall(SYS_mremap, 0x1001, 4096, 8192, 0x1, 0);
    syscall(SYS_mincore, 0x1001, 4096, NULL);
    syscall(SYS_mlockall, 0x10);
    syscall(SYS_munlockall);
    return 0;
}
