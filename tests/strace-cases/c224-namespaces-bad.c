// strace-diff: -e trace=unshare,setns,chroot,fchdir,pivot_root
// strace-diff: -X raw -e trace=unshare,setns,chroot,fchdir
// strace-diff-m32: -e trace=unshare,setns,chroot,fchdir,pivot_root
// unshare, setns and chroot with values the kernel refuses; the namespace flags named.
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
    syscall(SYS_unshare, 0x1);
    syscall(SYS_setns, NOFD, 0x20000000);
    syscall(SYS_setns, NOFD, 0);
    syscall(SYS_chroot, "nonexistent");
    syscall(SYS_fchdir, NOFD);
    syscall(SYS_pivot_root, "nonexistent-new", "nonexistent-old");
    return 0;
}
