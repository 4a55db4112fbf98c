// strace-diff:
// strace-diff: -e trace=%network
// strace-diff: -X raw -e trace=%network
// Socket calls on bad descriptors and unknown families: the families, levels, options and flags named.
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
    struct { unsigned short fam; char path[10]; } sa = { 1, "sock" };
    int one = 1;
    unsigned len = sizeof sa;
    syscall(SYS_socket, 12345, 1, 0);
    syscall(SYS_socket, 2, 0x80000 | 0x800 | 12, 0);
    syscall(SYS_bind, NOFD, &sa, sizeof sa);
    syscall(SYS_connect, -1, &sa, 2);
    syscall(SYS_listen, NOFD, 128);
    syscall(SYS_accept, NOFD, NULL, NULL);
    syscall(SYS_accept4, NOFD, &sa, &len, 0x80000);
    syscall(SYS_getsockname, NOFD, &sa, &len);
    syscall(SYS_setsockopt, NOFD, 1, 2, &one, sizeof one);
    syscall(SYS_setsockopt, NOFD, 6, 1, &one, sizeof one);
    syscall(SYS_getsockopt, NOFD, 1, 7, &one, &len);
    syscall(SYS_sendto, NOFD, "data", 4, 0x40 | 0x4000, &sa, sizeof sa);
    syscall(SYS_recvfrom, NOFD, &one, 4, 0x2 | 0x100, NULL, NULL);
    syscall(SYS_sendmsg, NOFD, NULL, 0);
    syscall(SYS_recvmsg, NOFD, NULL, 0x40000000);
    syscall(SYS_shutdown, NOFD, 7);
    return 0;
}
