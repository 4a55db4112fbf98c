// strace-diff:
// strace-diff: -e trace=/xattr
// strace-diff: -X raw -e trace=/xattr -s 3
// strace-diff-m32:
// Extended-attribute calls on paths and descriptors that do not exist, with the flags named.
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
    char buf[16];
    syscall(SYS_setxattr, "nonexistent", "user.name", "value", 5, 1);
    syscall(SYS_lsetxattr, "nonexistent", "user.other", "v", 1, 2);
    syscall(SYS_fsetxattr, NOFD, "trusted.x", "abc", 3, 0);
    syscall(SYS_getxattr, "nonexistent", "user.name", buf, sizeof buf);
    syscall(SYS_lgetxattr, "nonexistent", "user.name", NULL, 0);
    syscall(SYS_fgetxattr, NOFD, "security.selinux", buf, 4);
    syscall(SYS_listxattr, "nonexistent", buf, sizeof buf);
    syscall(SYS_llistxattr, "nonexistent", NULL, 0);
    syscall(SYS_flistxattr, NOFD, buf, 2);
    syscall(SYS_removexattr, "nonexistent", "user.name");
    syscall(SYS_lremovexattr, "nonexistent", "user.x");
    syscall(SYS_fremovexattr, NOFD, "user.y");
    return 0;
}
