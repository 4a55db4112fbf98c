// strace-diff: -e trace=process_vm_readv,process_vm_writev,process_madvise,pidfd_open
// strace-diff: -X raw -e trace=process_vm_readv,process_vm_writev
// strace-diff-m32: -e trace=process_vm_readv,process_vm_writev,process_madvise,pidfd_open
// process_vm_readv/writev and process_madvise against a pid that does not exist.
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
    char buf[4];
    struct { void *base; long len; } local = { buf, 4 }, remote = { (void *)0x1000, 4 };
    syscall(SYS_process_vm_readv, 999999, &local, 1, &remote, 1, 0);
    syscall(SYS_process_vm_writev, 999999, &local, 1, &remote, 1, 0);
    syscall(SYS_process_vm_readv, 0, NULL, 0, NULL, 0, 1);
    syscall(SYS_process_madvise, NOFD, &local, 1, 8, 0);
    syscall(SYS_pidfd_open, 999999, 0);
    syscall(SYS_pidfd_open, 999999, 0x800);
    return 0;
}
