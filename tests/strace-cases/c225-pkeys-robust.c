// strace-diff: -e trace=pkey_alloc,pkey_free,pkey_mprotect,set_robust_list,get_robust_list,rseq,userfaultfd
// strace-diff: -X raw -e trace=pkey_alloc,pkey_free,pkey_mprotect,get_robust_list,userfaultfd
// strace-diff-m32: -X raw -e trace=pkey_alloc,pkey_free,pkey_mprotect,get_robust_list,userfaultfd
// Memory protection keys, robust lists and rseq with values the kernel refuses.
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
    syscall(SYS_pkey_alloc, 1, 0);
    syscall(SYS_pkey_alloc, 0, 0x7);
    syscall(SYS_pkey_free, 99);
    syscall(SYS_pkey_mprotect, 0x1001, 4096, 0x1, 3);
    syscall(SYS_set_robust_list, NULL, 1);
    syscall(SYS_get_robust_list, 999999, NULL, NULL);
    syscall(SYS_rseq, NULL, 0, 0x2, 0);
    syscall(SYS_userfaultfd, 0x10);
    return 0;
}
