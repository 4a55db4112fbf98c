/* A multi-threaded long runner for attach/detach and external SIGSTOP/SIGCONT: 4 worker threads loop on
 * nanosleep + getppid while the main thread blocks reading one byte from stdin. Writes "ready\n" to stdout once
 * every worker runs. When the byte (or EOF) arrives, the workers are told to stop, joined, and it exits 0. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 4

static atomic_int stop;
static pthread_barrier_t started;

static void *worker(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&started);
    struct timespec ts = { 0, 2 * 1000 * 1000 };
    while (!atomic_load(&stop)) {
        nanosleep(&ts, NULL);
        getppid();
    }
    return NULL;
}

int main(void)
{
    pthread_t threads[WORKERS];
    pthread_barrier_init(&started, NULL, WORKERS + 1);
    for (int i = 0; i < WORKERS; i++)
        if (pthread_create(&threads[i], NULL, worker, NULL) != 0) return 2;
    pthread_barrier_wait(&started);
    write(1, "ready\n", 6);
    char c;
    ssize_t n;
    do n = read(0, &c, 1);
    while (n < 0);
    atomic_store(&stop, 1);
    for (int i = 0; i < WORKERS; i++) pthread_join(threads[i], NULL);
    write(1, "done\n", 5);
    return 0;
}
