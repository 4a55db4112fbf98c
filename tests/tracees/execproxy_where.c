/* Prints "<label> pid=<pid> ppid=<ppid>": run through exec-proxy, the parent tells where it ran (the broker's child,
 * or the traced shell's). */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    printf("%s pid=%d ppid=%d\n", argc > 1 ? argv[1] : "?", (int)getpid(), (int)getppid());
    return 0;
}
