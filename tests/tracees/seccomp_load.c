/* Installs a raw seccomp filter (an array of struct sock_filter read from a file), then makes the syscalls
 * named on the command line and prints one line for each, so tests can compare the kernel's decisions with
 * the interpreter's.
 *
 *   seccomp_load FILTER OP...
 *     x64:NR[:ARG...]     syscall(NR, ARG...) through the x86_64 entry (up to 6 args, strtoull base 0)
 *     i386:NR[:ARG...]    int $0x80 with eax=NR, ebx, ecx, edx, esi, edi (up to 5 args)
 *     thread:NR           syscall(NR) in a new thread, then join it
 *
 * Output: "loaded", then per op "OP ret=R errno=E" (errno 0 on success), "sigsys nr=N arch=0xA data=D" from
 * the SIGSYS handler, "joined" after a thread op, and "done". A filter the kernel refuses gives
 * "load-failed errno=E" and exit status 3.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void say(const char *format, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(line, sizeof line, format, ap);
    va_end(ap);
    if (n > (int)sizeof line - 1)
        n = sizeof line - 1;
    if (write(1, line, n) < 0)
        _exit(4);
}

static void on_sigsys(int sig, siginfo_t *info, void *context)
{
    (void)sig;
    (void)context;
    say("sigsys nr=%d arch=0x%x data=%d\n", info->si_syscall, info->si_arch, info->si_errno);
}

static struct sock_fprog read_filter(const char *path)
{
    static struct sock_filter program[4097];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        say("cannot open %s: errno=%d\n", path, errno);
        exit(2);
    }
    ssize_t size = read(fd, program, sizeof program);
    close(fd);
    if (size <= 0 || size % sizeof program[0] != 0) {
        say("bad filter size %zd\n", size);
        exit(2);
    }
    struct sock_fprog fprog = { .len = (unsigned short)(size / sizeof program[0]), .filter = program };
    return fprog;
}

static int parse(const char *op, unsigned long long values[7])
{
    int count = 0;
    const char *p = strchr(op, ':');
    while (p && count < 7) {
        values[count++] = strtoull(p + 1, NULL, 0);
        p = strchr(p + 1, ':');
    }
    return count;
}

static long int80(unsigned long long v[7])
{
    long ret;
    __asm__ volatile("int $0x80"
                     : "=a"(ret)
                     : "a"(v[0]), "b"(v[1]), "c"(v[2]), "d"(v[3]), "S"(v[4]), "D"(v[5])
                     : "r8", "r9", "r10", "r11", "memory", "cc");
    return (int)ret;
}

static void *thread_main(void *nr)
{
    long ret = syscall((long)nr);
    say("thread ret=%ld errno=%d\n", ret, ret == -1 ? errno : 0);
    return NULL;
}

static void run(const char *op)
{
    unsigned long long v[7] = { 0 };
    parse(op, v);
    if (strncmp(op, "x64:", 4) == 0) {
        errno = 0;
        long ret = syscall((long)v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        say("%s ret=%ld errno=%d\n", op, ret, ret == -1 ? errno : 0);
    } else if (strncmp(op, "i386:", 5) == 0) {
        long ret = int80(v);
        say("%s ret=%ld errno=%d\n", op, ret < 0 && ret > -4096 ? -1 : ret, ret < 0 && ret > -4096 ? (int)-ret : 0);
    } else if (strncmp(op, "thread:", 7) == 0) {
        pthread_t thread;
        pthread_create(&thread, NULL, thread_main, (void *)(long)v[0]);
        pthread_join(thread, NULL);
        say("joined\n");
    } else {
        say("unknown op %s\n", op);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        say("usage: seccomp_load FILTER OP...\n");
        return 2;
    }
    /* A killed tracee must not leave core files behind (core_pattern may be a plain "core"). */
    struct rlimit no_core = { 0, 0 };
    setrlimit(RLIMIT_CORE, &no_core);
    struct sigaction action = { .sa_sigaction = on_sigsys, .sa_flags = SA_SIGINFO };
    sigaction(SIGSYS, &action, NULL);

    struct sock_fprog fprog = read_filter(argv[1]);
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0) {
        say("load-failed errno=%d\n", errno);
        return 3;
    }
    say("loaded\n");
    for (int i = 2; i < argc; i++)
        run(argv[i]);
    say("done\n");
    return 0;
}
