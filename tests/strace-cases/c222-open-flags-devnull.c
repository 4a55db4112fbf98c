// strace-diff: -e trace=openat,close
// strace-diff: -X raw -e trace=openat
// strace-diff: -X verbose -e trace=openat
// strace-diff-m32: -e trace=openat,close
// Every open flag the kernel accepts on /dev/null, one call each, with the descriptor closed after.
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
    int flags[] = { O_RDONLY, O_WRONLY, O_RDWR, O_RDONLY | O_NONBLOCK, O_WRONLY | O_APPEND, O_RDWR | O_SYNC,
                    O_RDONLY | O_DSYNC, O_RDONLY | O_NOATIME, O_RDONLY | O_NOFOLLOW | O_CLOEXEC,
                    O_RDONLY | O_ASYNC, O_WRONLY | O_NOCTTY, O_RDONLY | O_LARGEFILE, O_RDONLY | 0x40000000 };
    for (unsigned i = 0; i < sizeof flags / sizeof flags[0]; i++)
    {
        long fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", flags[i]);
        if (fd >= 0) syscall(SYS_close, fd);
    }
    return 0;
}
