/* Executes argv[2] (an absolute path) with arguments argv[3..] through execveat/fexecve, mode argv[1]:
 *   dirfd   execveat(open(dirname), basename, ...)
 *   empty   execveat(open(path, O_PATH), "", ..., AT_EMPTY_PATH)
 *   fexecve fexecve(open(path, O_RDONLY), ...)
 *   memfd   copies the file into a memfd and fexecve()s that (no path the broker could run)
 * On failure prints "failed errno=<n>" and exits 100. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    const char *mode = argv[1], *path = argv[2];
    char **args = &argv[2];
    char dir[4096], base[4096];
    strcpy(dir, path);
    strcpy(base, path);
    if (strcmp(mode, "dirfd") == 0) {
        int d = open(dirname(dir), O_RDONLY | O_DIRECTORY);
        syscall(SYS_execveat, d, basename(base), args, environ, 0);
    } else if (strcmp(mode, "empty") == 0) {
        int fd = open(path, O_PATH);
        syscall(SYS_execveat, fd, "", args, environ, AT_EMPTY_PATH);
    } else if (strcmp(mode, "fexecve") == 0) {
        int fd = open(path, O_RDONLY);
        fexecve(fd, args, environ);
    } else if (strcmp(mode, "memfd") == 0) {
        int in = open(path, O_RDONLY);
        int m = memfd_create("copy", 0);
        char buf[65536];
        ssize_t n;
        while ((n = read(in, buf, sizeof buf)) > 0) write(m, buf, n);
        fexecve(m, args, environ);
    }
    printf("failed errno=%d\n", errno);
    return 100;
}
