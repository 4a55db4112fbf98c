// strace-diff: -e trace=memfd_create,close
// strace-diff: -X raw -e trace=memfd_create
// strace-diff: -y -e trace=memfd_create,close
// strace-diff-m32: -X raw -e trace=memfd_create
// memfd_create with names and flags, one refused, and the descriptors closed.
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
    long fd = syscall(SYS_memfd_create, "ptracer-case", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    syscall(SYS_close, fd);
    fd = syscall(SYS_memfd_create, "", 0);
    syscall(SYS_close, fd);
    syscall(SYS_memfd_create, "bad", 0x100);
    syscall(SYS_memfd_create, BAD, 0);
    return 0;
}
