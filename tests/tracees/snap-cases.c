/* Snapshot/restore cases, one per argv[1]. The snapshot point is the first read of stdin unless a case says
   otherwise; what comes after it runs in the restored process. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

static char line[256];
static int read_stdin(void) { return fgets(line, sizeof line, stdin) != NULL; }

/* malloc'd blocks below the mmap threshold come from brk: the heap grows before and after the snapshot point. */
static int heap(void)
{
    enum { BLOCKS = 2000 };
    static unsigned char *blocks[BLOCKS];
    for (int i = 0; i < BLOCKS; i++) {
        blocks[i] = malloc(100 + i * 7);
        memset(blocks[i], i & 0xff, 100 + i * 7);
    }
    read_stdin();
    unsigned long sum = 0;
    for (int i = 0; i < BLOCKS; i++) {
        for (int j = 0; j < 100 + i * 7; j++) sum += blocks[i][j] == (i & 0xff);
        if (i % 2) free(blocks[i]);
    }
    for (int i = 1; i < BLOCKS; i += 2) {
        blocks[i] = malloc(5000 + i);
        memset(blocks[i], 1, 5000 + i);
        sum += blocks[i][4999];
    }
    printf("heap ok %lu %s", sum, line);
    return 0;
}

static void *work(void *arg)
{
    long n = (long)arg, s = 0;
    for (long i = 0; i <= n * 100000; i++) s += i % 7;
    return (void *)s;
}

static int threads(void)
{
    read_stdin();
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        if (pthread_create(&t[i], NULL, work, (void *)(i + 1)) != 0) return 3;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(t[i], &r);
        printf("thread %d: %ld\n", i, (long)r);
    }
    return 0;
}

static volatile sig_atomic_t handled;
static void on_usr1(int sig) { handled += sig; }

static int signals(void)
{
    struct sigaction sa = { .sa_handler = on_usr1 };
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    sigprocmask(SIG_BLOCK, &block, NULL);
    read_stdin();
    raise(SIGUSR1);
    raise(SIGUSR1);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    struct sigaction pipe_action;
    sigaction(SIGPIPE, NULL, &pipe_action);
    printf("handled %d, SIGUSR2 blocked %d, SIGPIPE ignored %d\n", (int)handled, sigismember(&now, SIGUSR2),
           pipe_action.sa_handler == SIG_IGN);
    return 0;
}

/* Floating-point state live across the snapshot point: xmm9 holds a value through the syscall (getpid, which cannot
   be replayed), and the rounding mode (MXCSR and the x87 control word) is set before it. */
static int fpu(void)
{
    /* MXCSR rounding control (bits 13-14) = 10b: round up (Intel SDM vol. 1, 10.2.3); no libm needed. */
    unsigned int mxcsr;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    mxcsr = (mxcsr & ~0x6000u) | 0x4000u;
    __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
    double in = 2.718281828459045, out;
    __asm__ volatile("movq %1, %%xmm9\n\t"
                     "mov $39, %%eax\n\t"
                     "syscall\n\t"
                     "movq %%xmm9, %0"
                     : "=r"(out) : "r"(in) : "rax", "rcx", "r11", "xmm9", "memory");
    volatile double one = 1.0, three = 3.0;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    printf("xmm9 %.15f, rounding %s, 1/3 = %.20f\n", out, (mxcsr & 0x6000u) == 0x4000u ? "up" : "NOT up", one / three);
    return 0;
}

/* A read-only file open across the snapshot point: reopened at the same descriptor and offset. */
static int file(const char *path)
{
    int fd = open(path, O_RDONLY);
    char head[6] = {0}, rest[64] = {0};
    if (fd < 0 || read(fd, head, 5) != 5) return 3;
    read_stdin();
    ssize_t n = read(fd, rest, sizeof rest - 1);
    printf("fd %d head '%s' rest '%.*s'\n", fd, head, (int)(n > 0 ? n : 0), rest);
    return 0;
}

/* A lock held across the snapshot point (getpid): glibc's rwlock records its writer's cached tid and compares it at
   unlock, so the restored process must see the same cached tid the lock recorded. */
static int rwlock(void)
{
    static pthread_rwlock_t lock = PTHREAD_RWLOCK_INITIALIZER;
    pthread_rwlock_wrlock(&lock);
    pid_t pid = getpid();
    int unlocked = pthread_rwlock_unlock(&lock);
    int relocked = pthread_rwlock_trywrlock(&lock);
    printf("pid known %d, unlock %d, wrlock again %d\n", pid > 0, unlocked, relocked);
    return 0;
}

/* Descriptors on stateless devices opened before the snapshot point are reopened (perl opens /dev/urandom). */
static int devices(void)
{
    int r = open("/dev/urandom", O_RDONLY), z = open("/dev/zero", O_RDONLY);
    char *anon = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0);
    anon[5000] = 7;
    read_stdin();
    char b[16], zero[4] = {1, 1, 1, 1};
    ssize_t nr = read(r, b, sizeof b), nz = read(z, zero, 4);
    printf("urandom fd %d read %zd, zero fd %d read %zd %d%d%d%d, mapping %d\n", r, nr, z, nz, zero[0], zero[1],
           zero[2], zero[3], anon[5000] + anon[10]);
    return 0;
}

/* Waits for a signal after the snapshot point (the test sends SIGTERM to ptracer restore). */
static int waits(void)
{
    read_stdin();
    pause();
    return 0;
}

static void *idle(void *arg) { for (;;) pause(); return arg; }

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "";
    if (!strcmp(c, "heap")) return heap();
    if (!strcmp(c, "threads")) return threads();
    if (!strcmp(c, "signals")) return signals();
    if (!strcmp(c, "fpu")) return fpu();
    if (!strcmp(c, "rwlock")) return rwlock();
    if (!strcmp(c, "devices")) return devices();
    if (!strcmp(c, "waits")) return waits();
    if (!strcmp(c, "file") && argc > 2) return file(argv[2]);
    /* Refused cases: the snapshot is taken with --at-syscall getppid. */
    if (!strcmp(c, "socket")) socket(AF_UNIX, SOCK_STREAM, 0);
    else if (!strcmp(c, "shared")) {
        char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        p[0] = 1;
    } else if (!strcmp(c, "thread")) {
        pthread_t t;
        pthread_create(&t, NULL, idle, NULL);
    } else {
        fprintf(stderr, "unknown case '%s'\n", c);
        return 2;
    }
    printf("ppid %d\n", getppid() > 0);
    return 0;
}
