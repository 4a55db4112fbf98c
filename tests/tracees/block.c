/* Exercises changing syscalls from the tracer: prints the results of getuid(), mkdir(argv[1]) and getppid(),
 * one "name=value errno=E" line each, so a test that blocks a syscall at its entry (BlockSyscall) or replaces a
 * result at its exit (SetReturnValue) sees the change in the output; the test also checks that a blocked mkdir
 * created nothing. */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) return 2;
    errno = 0;
    long uid = (long)getuid();
    printf("getuid=%ld\n", uid);
    errno = 0;
    int r = mkdir(argv[1], 0755);
    printf("mkdir=%d errno=%d\n", r, r < 0 ? errno : 0);
    long ppid = (long)getppid();
    printf("getppid=%ld\n", ppid);
    fflush(stdout);
    return 0;
}
