/* Exercises thread following (PTRACE_O_TRACECLONE): 50 pthreads run at once (a barrier keeps them all alive
 * together), each makes a few syscalls of its own -- gettid, getpid and writes of "tid N" to /dev/null -- so the
 * test can check that every syscall is attributed to the thread that made it. Exits 0 when all were joined. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 50

static pthread_barrier_t barrier;
static int devnull;

static void *worker(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&barrier);
    long tid = syscall(SYS_gettid);
    char line[64];
    for (int i = 0; i < 3; i++) {
        int n = snprintf(line, sizeof line, "tid %ld\n", tid);
        if (write(devnull, line, (size_t)n) != n) return (void *)1;
        getpid();
    }
    return NULL;
}

int main(void)
{
    devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (devnull < 0) return 2;
    pthread_barrier_init(&barrier, NULL, THREADS);
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&threads[i], NULL, worker, NULL) != 0) return 3;
    int failed = 0;
    for (int i = 0; i < THREADS; i++) {
        void *result;
        pthread_join(threads[i], &result);
        if (result != NULL) failed = 1;
    }
    return failed ? 4 : 0;
}
