// strace-diff:
// strace-diff: -e trace=%creds
// strace-diff: -X raw -e trace=%creds
// strace-diff-m32:
// Credential calls with unwritable pointers and values the kernel refuses.
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
    syscall(SYS_getresuid, BAD, BAD, BAD);
    syscall(SYS_getresgid, NULL, NULL, NULL);
    syscall(SYS_getgroups, -1, NULL);
    syscall(SYS_setgroups, 1, BAD);
    syscall(SYS_setresuid, -1, -1, -1);
    syscall(SYS_setresgid, -1, -1, -1);
    syscall(SYS_setreuid, -1, -1);
    syscall(SYS_setregid, -1, -1);
    syscall(SYS_setfsuid, -1);
    syscall(SYS_setfsgid, -1);
    syscall(SYS_capget, NULL, NULL);
    return 0;
}
