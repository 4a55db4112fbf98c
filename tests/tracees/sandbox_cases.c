/* The sandbox runner's acceptance cases: sandbox_cases MODE [ARGS...]. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile unsigned long sink;

static void spin(void) { for (;;) sink++; }

static void *spin_thread(void *arg) { (void)arg; spin(); return NULL; }

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int recurse(int depth)
{
    volatile char frame[1024];
    frame[0] = (char)depth;
    return depth == 0 ? frame[0] : recurse(depth - 1) + frame[0];
}

static void write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, buf, n);
        if (w < 0) { if (errno == EINTR) continue; exit(3); }
        buf += w; n -= (size_t)w;
    }
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "hello")) {
        char line[256] = "";
        if (!fgets(line, sizeof line, stdin)) return 4;
        line[strcspn(line, "\n")] = 0;
        printf("hello, %s\n", line);
        return 0;
    }
    if (!strcmp(mode, "exit25")) return 25;
    if (!strcmp(mode, "segv")) { *(volatile int *)8 = 1; return 0; }
    if (!strcmp(mode, "fpe")) { volatile int num = 7, zero = 0; return num / zero; }
    if (!strcmp(mode, "abort")) abort();
    if (!strcmp(mode, "spin")) spin();
    if (!strcmp(mode, "cpu")) { /* cpu MS: burn MS of CPU time, then exit 0 */
        double until = atof(argv[2]) / 1000.0;
        while (cpu_seconds() < until) sink++;
        return 0;
    }
    if (!strcmp(mode, "sleep")) { sleep(30); return 0; }
    if (!strcmp(mode, "busychild")) {
        pid_t pid = fork();
        if (pid == 0) spin();
        waitpid(pid, NULL, 0);
        return 0;
    }
    if (!strcmp(mode, "childcpu")) { /* childcpu MS: a child burns MS, the parent reaps it, burns MS itself */
        pid_t pid = fork();
        if (pid == 0) { double until = atof(argv[2]) / 1000.0; while (cpu_seconds() < until) sink++; _exit(0); }
        waitpid(pid, NULL, 0);
        double until = atof(argv[2]) / 1000.0;
        while (cpu_seconds() < until) sink++;
        return 0;
    }
    if (!strcmp(mode, "threads")) {
        pthread_t t[2];
        for (int i = 0; i < 2; i++) pthread_create(&t[i], NULL, spin_thread, NULL);
        pthread_join(t[0], NULL);
        return 0;
    }
    if (!strcmp(mode, "mainexits")) {
        for (int i = 0; i < 2; i++) {
            pid_t pid = fork();
            if (pid == 0) spin();
            printf("child %d\n", pid);
        }
        printf("main exits\n");
        return 0;
    }
    if (!strcmp(mode, "mem")) { /* mem MIB: touch MIB MiB, then exit 0 */
        size_t n = (size_t)atol(argv[2]) << 20;
        char *p = malloc(n);
        if (!p) return 5;
        for (size_t i = 0; i < n; i += 4096) p[i] = 1;
        printf("touched %s MiB\n", argv[2]);
        return 0;
    }
    if (!strcmp(mode, "memfork")) { /* memfork MIB share|copy: touch MIB MiB, fork; the child reads (share) or
                                      * rewrites (copy: private copies) every page, then reads them for 200 ms of CPU */
        size_t n = (size_t)atol(argv[2]) << 20;
        volatile char *p = malloc(n);
        if (!p) return 5;
        for (size_t i = 0; i < n; i += 4096) p[i] = 1;
        pid_t pid = fork();
        if (pid == 0) {
            int copy = !strcmp(argv[3], "copy");
            for (size_t i = 0; i < n; i += 4096) { if (copy) p[i] = 2; else sink += p[i]; }
            double until = cpu_seconds() + 0.2;
            while (cpu_seconds() < until)
                for (size_t i = 0; i < n && cpu_seconds() < until; i += 4096 * 64) sink += p[i];
            _exit(0);
        }
        int status;
        waitpid(pid, &status, 0);
        printf("child %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return 0;
    }
    if (!strcmp(mode, "output")) { /* output BYTES [FILE]: write BYTES bytes to stdout or FILE */
        long total = atol(argv[2]);
        int fd = argc > 3 ? open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644) : 1;
        if (fd < 0) return 6;
        char buf[4096];
        memset(buf, 'x', sizeof buf);
        for (long done = 0; done < total;) {
            long n = total - done < (long)sizeof buf ? total - done : (long)sizeof buf;
            write_all(fd, buf, (size_t)n);
            done += n;
        }
        return 0;
    }
    if (!strcmp(mode, "recurse")) return recurse(1 << 20) == 42; /* ~1 GiB of stack frames */
    if (!strcmp(mode, "fork")) {
        pid_t pid = fork();
        if (pid == 0) _exit(0);
        printf("forked %d\n", pid);
        return 0;
    }
    if (!strcmp(mode, "exec")) { execl("/bin/true", "true", (char *)NULL); return 7; }
    if (!strcmp(mode, "openw")) {
        int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        printf("open for write: %d\n", fd);
        return 0;
    }
    if (!strcmp(mode, "read")) { /* read PATH: print the first line, or the errno */
        FILE *f = fopen(argv[2], "r");
        if (!f) { printf("errno %d\n", errno); return 0; }
        char line[256] = "";
        if (fgets(line, sizeof line, f)) fputs(line, stdout);
        return 0;
    }
    if (!strcmp(mode, "socket")) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        printf("socket: %d\n", s);
        return 0;
    }
    if (!strcmp(mode, "forkbomb")) { for (;;) fork(); }
    if (!strcmp(mode, "killparent")) {
        kill(getppid(), SIGKILL);
        printf("parent still there\n");
        return 0;
    }
    if (!strcmp(mode, "int80kill")) {
        /* i386 kill(getppid(), SIGKILL) through int 0x80: __NR_kill is 37 in the i386 table. */
        long ret, ppid = getppid();
        __asm__ volatile("int $0x80" : "=a"(ret) : "a"(37L), "b"(ppid), "c"(9L) : "memory");
        printf("int 0x80 returned %ld\n", ret);
        return 0;
    }
    if (!strcmp(mode, "procfd")) {
        int fd = open("/proc/self/fd/0", O_RDONLY);
        printf("open /proc/self/fd/0: %d\n", fd);
        return 0;
    }
    if (!strcmp(mode, "procroot")) {
        int fd = open("/proc/1/root/etc/hostname", O_RDONLY);
        printf("open /proc/1/root/etc/hostname: %d\n", fd);
        return 0;
    }
    if (!strcmp(mode, "clone3")) { /* clone3 must answer ENOSYS */
        long r = syscall(435 /* __NR_clone3 */, NULL, 0);
        printf("clone3: %ld errno %d\n", r, r < 0 ? errno : 0);
        return 0;
    }
    if (!strcmp(mode, "syscalls")) { /* syscalls N: N cheap syscalls */
        long n = atol(argv[2]);
        for (long i = 0; i < n; i++) syscall(SYS_getppid);
        return 0;
    }
    fprintf(stderr, "unknown mode '%s'\n", mode);
    return 99;
}
