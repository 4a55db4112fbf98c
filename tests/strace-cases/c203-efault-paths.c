// strace-diff:
// strace-diff: -e trace=%file
// strace-diff: -X raw -e trace=%file
// strace-diff-m32:
// Path syscalls given an unreadable path pointer (0x1): EFAULT, printed as the address.
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
    syscall(SYS_open, BAD, O_RDONLY);
    syscall(SYS_openat, AT_FDCWD, BAD, O_WRONLY | O_CREAT, 0644);
    syscall(SYS_access, BAD, R_OK | W_OK);
    syscall(SYS_faccessat2, AT_FDCWD, BAD, X_OK, AT_EACCESS);
    syscall(SYS_chdir, BAD);
    syscall(SYS_mkdir, BAD, 0755);
    syscall(SYS_rmdir, BAD);
    syscall(SYS_unlink, BAD);
    syscall(SYS_rename, BAD, "x");
    syscall(SYS_renameat2, AT_FDCWD, "nonexistent-a", AT_FDCWD, "nonexistent-b", 1);
    syscall(SYS_link, "nonexistent", BAD);
    syscall(SYS_symlink, BAD, "link");
    syscall(SYS_readlink, BAD, NULL, 10);
    syscall(SYS_chmod, BAD, 0600);
    syscall(SYS_chown, BAD, 1, 2);
    syscall(SYS_truncate, BAD, 10);
    syscall(SYS_mknod, BAD, 0600, 0);
    return 0;
}
