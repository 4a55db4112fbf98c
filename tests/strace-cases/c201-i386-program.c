// strace-diff-m32:
// strace-diff-m32: -e trace=%network
// strace-diff-m32: -f -e trace=socket,bind,send,recv,sendto,recvfrom,socketpair,shutdown,getsockname
// strace-diff-m32: -e trace=%file,%desc
// strace-diff-m32: -X raw -e trace=openat,read,write,lseek,_llseek,fstat64,statx
// strace-diff-m32: -f -e trace=%process,wait4,set_tid_address
// A whole 32-bit program (gcc -m32): the i386 table and layouts throughout, and i386 glibc's socketcall(2)
// decoded as the calls it stands for (socketpair, send, recv...) and filtered by their names. The child is
// reaped after poll(NULL, 0, 100) so wait4 does not race its exit; SIGCHLD is blocked (see README).
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, NULL);

    int fd = open("data.txt", O_CREAT | O_RDWR | O_TRUNC, 0640);
    write(fd, "32-bit payload\n", 15);
    lseek(fd, 3, SEEK_SET);
    char buf[32];
    read(fd, buf, sizeof buf);
    struct stat st;
    fstat(fd, &st);
    close(fd);

    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    send(sv[0], "ping", 4, MSG_NOSIGNAL);
    recv(sv[1], buf, sizeof buf, 0);
    shutdown(sv[0], SHUT_RDWR);

    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    strcpy(addr.sun_path, "c201.sock");
    bind(s, (struct sockaddr *)&addr, sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(s, (struct sockaddr *)&addr, &len);
    sendto(s, "self", 4, 0, (struct sockaddr *)&addr, sizeof addr);
    recvfrom(s, buf, sizeof buf, 0, NULL, NULL);
    unlink("c201.sock");

    pid_t child = fork();
    if (child == 0)
    {
        write(1, "child\n", 6);
        _exit(3);
    }
    poll(NULL, 0, 100);
    int status;
    waitpid(child, &status, 0);
    unlink("data.txt");
    return WEXITSTATUS(status) == 3 ? 0 : 1;
}
