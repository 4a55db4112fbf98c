// strace-diff: -e verbose=none -e trace=!brk,mmap,mprotect,arch_prctl,set_robust_list,rseq,prlimit64,readlink,getrandom,execve
// strace-diff: -e verbose=!rt_sigaction,poll,fcntl -e trace=rt_sigaction,poll,fcntl,writev,wait4,pselect6,setitimer
// strace-diff: -e verbose=%signal -e trace=rt_sigaction,rt_sigprocmask,nanosleep,clock_nanosleep,sendmsg,bind
// strace-diff: -e verbose=execve -e trace=execve,rt_sigaction
// -e verbose=SET: the syscalls outside the set print their structure and vector arguments as addresses
// (sigaction, timespec, poll fds and results, sockaddr, iovec, msghdr, sigset, flock, wait status, fd sets,
// select's "left", execve's argv and envp); strings and buffers stay decoded.
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = SIG_IGN;
    sigaction(SIGUSR1, &sa, NULL);
    struct timespec ts = { 0, 1000 };
    nanosleep(&ts, NULL);
    struct pollfd p = { 0, POLLIN, 0 };
    poll(&p, 1, 0);
    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un a = { AF_UNIX, "c231.sock" };
    bind(s, (struct sockaddr *)&a, sizeof a);
    unlink("c231.sock");
    struct iovec iov = { "hi\n", 3 };
    writev(1, &iov, 1);
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    sendmsg(s, &m, MSG_DONTWAIT);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct flock fl = { F_RDLCK, SEEK_SET, 0, 0, 0 };
    fcntl(s, F_GETLK, &fl);
    fcntl(s, F_SETLK, &fl);
    int status;
    wait4(-1, &status, WNOHANG, NULL);
    syscall(SYS_setitimer, 0, NULL, NULL);
    fd_set r;
    FD_ZERO(&r);
    FD_SET(0, &r);
    struct timeval tv = { 0, 0 };
    select(1, &r, NULL, NULL, &tv);
    return 0;
}
