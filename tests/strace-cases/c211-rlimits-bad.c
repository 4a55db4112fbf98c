// strace-diff:
// strace-diff: -e trace=getrlimit,setrlimit,prlimit64,getpriority,setpriority,ioprio_get,ioprio_set,set_tid_address
// strace-diff: -X raw -e trace=getrlimit,setrlimit,prlimit64,set_tid_address
// strace-diff-m32:
// Resource-limit calls with resources that do not exist and pointers the kernel cannot use.
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
    syscall(SYS_getrlimit, 99, BAD);
    syscall(SYS_getrlimit, RLIMIT_NOFILE, NULL);
    syscall(SYS_setrlimit, RLIMIT_CORE, BAD);
    syscall(SYS_prlimit64, 999999, RLIMIT_STACK, NULL, NULL);
    syscall(SYS_prlimit64, 0, 77, NULL, BAD);
    syscall(SYS_getpriority, 7, 0);
    syscall(SYS_setpriority, PRIO_PROCESS, 999999, 5);
    syscall(SYS_ioprio_get, 9, 0);
    syscall(SYS_ioprio_set, 1, 999999, (2 << 13) | 4);
    return 0;
}
