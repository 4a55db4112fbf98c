// strace-diff:
// strace-diff: -e trace=/mq_
// strace-diff: -X raw -e trace=/mq_
// strace-diff-m32:
// POSIX message-queue calls with names and descriptors that do not exist.
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
    syscall(SYS_mq_open, "no-slash-name", O_RDONLY, 0, NULL);
    syscall(SYS_mq_open, "nonexistent", O_WRONLY | O_NONBLOCK, 0600, NULL);
    syscall(SYS_mq_unlink, "nonexistent-queue");
    syscall(SYS_mq_timedsend, NOFD, "msg", 3, 1, NULL);
    syscall(SYS_mq_timedreceive, NOFD, buf, sizeof buf, NULL, NULL);
    syscall(SYS_mq_notify, NOFD, NULL);
    syscall(SYS_mq_getsetattr, NOFD, NULL, NULL);
    return 0;
}
