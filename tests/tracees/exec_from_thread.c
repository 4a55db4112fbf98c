/* Exercises exec by a non-leader thread: the kernel gives the executing thread the leader's tid and the
 * leader vanishes without an exit status (ptrace(2), "execve(2) under ptrace"). A second thread blocks in pause()
 * so there is also a bystander thread that dies at the exec; the main thread blocks in pthread_join.
 * The process ends as /bin/true, exit code 0. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t ready;

static void *bystander(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&ready);
    for (;;) pause();
    return NULL;
}

static void *executor(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&ready);
    char *argv[] = { "true", NULL };
    char *envp[] = { NULL };
    execve("/bin/true", argv, envp);
    _exit(127);
}

int main(void)
{
    pthread_t a, b;
    pthread_barrier_init(&ready, NULL, 3);
    if (pthread_create(&a, NULL, bystander, NULL) != 0) return 2;
    if (pthread_create(&b, NULL, executor, NULL) != 0) return 3;
    pthread_barrier_wait(&ready);
    pthread_join(b, NULL); /* never returns: the exec replaces the whole process */
    return 4;
}
