/* Blocks in read(2) on a pipe nobody writes to, so a test can kill it (or cancel the session) mid-syscall.
 * With the argument "fork" it first forks a child that blocks the same way, making a small process tree.
 * Prints "pid P\n" lines (the child first, then the parent) to stdout before blocking. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int fds[2];
    if (pipe(fds) != 0) return 2;
    if (argc > 1 && strcmp(argv[1], "fork") == 0) {
        pid_t pid = fork();
        if (pid < 0) return 3;
        if (pid == 0) {
            char line[32];
            int n = snprintf(line, sizeof line, "pid %d\n", (int)getpid());
            write(1, line, (size_t)n);
            char c;
            read(fds[0], &c, 1);
            _exit(5);
        }
    }
    char line[32];
    int n = snprintf(line, sizeof line, "pid %d\n", (int)getpid());
    write(1, line, (size_t)n);
    char c;
    read(fds[0], &c, 1);
    return 6;
}
