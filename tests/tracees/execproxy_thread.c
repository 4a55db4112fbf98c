/* A non-leader thread executes argv[1..] while another thread sleeps: the whole process becomes the command. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static char **args;

static void *bystander(void *arg) { (void)arg; for (;;) pause(); return NULL; }

static void *executor(void *arg)
{
    (void)arg;
    execv(args[0], args);
    printf("execv failed\n");
    _exit(127);
}

int main(int argc, char **argv)
{
    if (argc < 2) return 2;
    args = &argv[1];
    pthread_t a, b;
    pthread_create(&a, NULL, bystander, NULL);
    pthread_create(&b, NULL, executor, NULL);
    pthread_join(b, NULL);
    return 4;
}
