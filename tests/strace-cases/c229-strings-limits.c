// strace-diff: -e trace=write,openat
// strace-diff: -s 0 -e trace=write,openat
// strace-diff: -s 5 -e trace=write,openat
// strace-diff: -x -s 8 -e trace=write
// strace-diff: -xx -s 4 -e trace=write,openat
// strace-diff-m32: -e trace=write,openat
// Strings at the -s limit and past it, with -x and -xx, in write and a path.
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
    syscall(SYS_write, 1, "exactly 32 characters long text\n", 32);
    syscall(SYS_write, 1, "tab\there, bell\a, esc\033[0m, nul\0end\n", 34);
    syscall(SYS_write, 1, "\xff\xfe high bytes\n", 14);
    syscall(SYS_openat, AT_FDCWD, "a-rather-long-name-that-goes-past-thirty-two-characters", O_RDONLY);
    syscall(SYS_write, 1, "", 0);
    return 0;
}
