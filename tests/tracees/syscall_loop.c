/* Makes argv[1] getppid() calls and argv[1] one-byte writes to /dev/null: a fixed per-iteration syscall load for
 * the allocation and performance tests. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000;
    int fd = open("/dev/null", O_WRONLY);
    for (long i = 0; i < n; i++) {
        getppid();
        write(fd, "x", 1);
    }
    return 0;
}
