/* "exit N" exits with N; "kill S" kills itself with signal S (default disposition); "trap" prints "ready" and
 * waits for SIGTERM/SIGINT/SIGHUP, then prints "got <signal>" and exits 3. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_signal(int s) { got = s; }

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "exit") == 0) return atoi(argv[2]);
    if (argc == 3 && strcmp(argv[1], "kill") == 0) {
        int s = atoi(argv[2]);
        signal(s, SIG_DFL);
        kill(getpid(), s);
        return 99;
    }
    if (argc == 2 && strcmp(argv[1], "trap") == 0) {
        sigset_t mask, old;
        sigemptyset(&mask);
        sigaddset(&mask, SIGTERM);
        sigaddset(&mask, SIGINT);
        sigaddset(&mask, SIGHUP);
        sigprocmask(SIG_BLOCK, &mask, &old);
        signal(SIGTERM, on_signal);
        signal(SIGINT, on_signal);
        signal(SIGHUP, on_signal);
        printf("ready pid=%d ppid=%d\n", (int)getpid(), (int)getppid());
        fflush(stdout);
        while (!got) sigsuspend(&old);
        printf("got %d\n", (int)got);
        fflush(stdout);
        return 3;
    }
    fprintf(stderr, "usage: execproxy_exit exit N | kill S | trap\n");
    return 2;
}
