// strace-diff:
// strace-diff: -e trace=utimensat,futimesat,utime,utimes
// strace-diff: -X raw -e trace=utimensat,futimesat,utime,utimes
// strace-diff-m32:
// utimensat, futimesat and utime on a file of ours with fixed times, and UTIME_NOW/UTIME_OMIT.
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
    struct { long s, ns; } ts[2] = { { 1000000000, 123 }, { 1700000000, 999999999 } };
    struct { long s, us; } tv[2] = { { 86400, 5 }, { 0, 0 } };
    struct { long a, m; } ub = { 1234567890, 987654321 };
    int fd = syscall(SYS_openat, AT_FDCWD, "times.txt", O_CREAT | O_WRONLY, 0600);
    syscall(SYS_utimensat, AT_FDCWD, "times.txt", ts, 0);
    ts[0].ns = (1L << 30) - 1; ts[1].ns = (1L << 30) - 2;
    syscall(SYS_utimensat, fd, NULL, ts, 0);
    syscall(SYS_utimensat, AT_FDCWD, "times.txt", NULL, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_futimesat, AT_FDCWD, "times.txt", tv);
    syscall(SYS_utimes, "times.txt", tv);
    syscall(SYS_utime, "times.txt", &ub);
    syscall(SYS_utime, "nonexistent", NULL);
    syscall(SYS_close, fd);
    syscall(SYS_unlink, "times.txt");
    return 0;
}
