/* Exercises reading and writing tracee memory at a syscall entry. The marker is getpid() made through
 * syscall(2) with pointer arguments the kernel ignores but ptrace reports:
 *   arg0 = "hello from the tracee", arg1 = {"alpha", "beta", "gamma", NULL},
 *   arg2 = a 5000-byte string starting 96 bytes before a page boundary (it spans two pages),
 *   arg3 = a writable buffer holding "original" (the test overwrites it; the program prints it afterwards),
 *   arg4 = bytes without a NUL running into an unmapped page (a read must report a fault, not truncation),
 *   arg5 = 0x5eed (the marker).
 * Then it executes /bin/echo with argv {"echo", "original"}; a test may replace argv at that entry. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    static const char known[] = "hello from the tracee";
    static const char *array[] = { "alpha", "beta", "gamma", NULL };
    static char writable[64] = "original";

    long page = sysconf(_SC_PAGESIZE);
    char *region = mmap(NULL, (size_t)(4 * page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED) return 2;
    /* The long string spans pages 0-2; page 3 is unmapped so the unterminated bytes at the end of page 2 run into it. */
    char *big = region + page - 96;
    for (int i = 0; i < 5000; i++) big[i] = (char)('a' + i % 26);
    big[5000] = '\0';
    char *unterminated = region + 3 * page - 16;
    memset(unterminated, 'x', 16);
    if (munmap(region + 3 * page, (size_t)page) != 0) return 3;

    syscall(SYS_getpid, known, array, big, writable, unterminated, 0x5eedL);
    printf("buffer=%s\n", writable);
    fflush(stdout);

    char *argv[] = { "echo", "original", NULL };
    execv("/bin/echo", argv);
    return 4;
}
