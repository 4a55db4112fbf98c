// strace-diff: -e trace=delete_module,finit_module,init_module
// strace-diff: -X raw -e trace=delete_module,finit_module
// strace-diff-m32: -e trace=delete_module,finit_module,init_module
// Kernel module calls with modules and descriptors that do not exist.
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
    syscall(SYS_delete_module, "ptracer_no_such_module", O_NONBLOCK);
    syscall(SYS_delete_module, "ptracer_no_such_module", O_TRUNC);
    syscall(SYS_finit_module, NOFD, "", 0);
    syscall(SYS_finit_module, NOFD, "param=1", 0x1 | 0x2);
    syscall(SYS_init_module, NULL, 0, "");
    return 0;
}
