// strace-diff: -e trace=getcpu,personality,umask,syslog,acct
// strace-diff: -X raw -e trace=personality,umask
// strace-diff-m32: -e trace=getcpu,personality,umask,syslog,acct
// Calls whose answers do not depend on the machine: getcpu with NULL pointers, personality query, umask, acct off.
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
    syscall(SYS_getcpu, NULL, NULL, NULL);
    syscall(SYS_personality, 0xffffffff);
    syscall(SYS_umask, 022);
    syscall(SYS_umask, 0777);
    syscall(SYS_umask, 022);
    syscall(SYS_syslog, 99, NULL, 0);
    syscall(SYS_syslog, 10, NULL, 0);
    return 0;
}
