/* Starts argv[2..] from a child that shares this process's memory, mode argv[1]:
 *   vfork   vfork() + execv()
 *   spawn   posix_spawn() (glibc: clone(CLONE_VM|CLONE_VFORK) on a stack of its own)
 *   clonevm clone(CLONE_VM|CLONE_VFORK) on a 64 KiB stack carved from a canary-filled buffer: the child's frames
 *           use the top few KiB; the rest must hold its canary bytes after the child executed.
 * Prints "status=<exit code>" (or "signal=<n>"), and for clonevm "canary ok" or "canary broken at <offset>". */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define STACK (64 * 1024)
#define CHECKED (60 * 1024)
static unsigned char stack_area[STACK] __attribute__((aligned(64)));
static char **child_argv;

static int child(void *arg)
{
    (void)arg;
    execv(child_argv[0], child_argv);
    _exit(127);
}

static int report(pid_t pid)
{
    int status;
    if (waitpid(pid, &status, 0) != pid) { printf("waitpid failed\n"); return 1; }
    if (WIFEXITED(status)) printf("status=%d\n", WEXITSTATUS(status));
    else printf("signal=%d\n", WTERMSIG(status));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    child_argv = &argv[2];
    pid_t pid;
    if (strcmp(argv[1], "vfork") == 0) {
        pid = vfork();
        if (pid == 0) { execv(child_argv[0], child_argv); _exit(127); }
        report(pid);
    } else if (strcmp(argv[1], "spawn") == 0) {
        int e = posix_spawn(&pid, child_argv[0], NULL, NULL, child_argv, environ);
        if (e != 0) { printf("posix_spawn failed %d\n", e); return 1; }
        report(pid);
    } else if (strcmp(argv[1], "clonevm") == 0) {
        memset(stack_area, 0xa5, sizeof stack_area);
        pid = clone(child, stack_area + STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, NULL);
        if (pid < 0) { perror("clone"); return 1; }
        report(pid);
        for (int i = 0; i < CHECKED; i++) {
            if (stack_area[i] != 0xa5) { printf("canary broken at %d\n", i); fflush(stdout); return 1; }
        }
        printf("canary ok\n");
    }
    fflush(stdout);
    return 0;
}
