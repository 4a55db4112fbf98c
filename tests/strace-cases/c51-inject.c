// Fault injection (-e inject=, -e fault=): errors, return values, signals and when= ranges, compared with strace.
// strace-diff: -e trace=openat,getpid -e inject=openat:error=ENOENT:when=2..3 -e inject=getpid:retval=42
// strace-diff: -e trace=getpid,set_tid_address -e fault=getpid:error=EPERM:when=2+2
// strace-diff: -e trace=openat -e fault=openat:when=4+
// strace-diff: -e trace=getppid -e inject=getppid:signal=SIGUSR1:when=2
// strace-diff: -e trace=close -e inject=close:retval=7:when=1
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_usr1(int sig) { (void)sig; write(1, "usr1\n", 5); }

int main(void)
{
    char line[64];
    signal(SIGUSR1, on_usr1);
    for (int i = 0; i < 5; i++) {
        int fd = open("/dev/null", O_RDONLY);
        int n = snprintf(line, sizeof line, "open %d %d\n", fd, fd < 0 ? errno : 0);
        write(1, line, n);
        if (fd >= 0) close(fd);
    }
    for (int i = 0; i < 4; i++) {
        long pid = getpid();
        int n = snprintf(line, sizeof line, "getpid %s\n", pid == 42 ? "42" : pid < 0 ? "error" : "real");
        write(1, line, n);
    }
    for (int i = 0; i < 3; i++) getppid();
    return 0;
}
