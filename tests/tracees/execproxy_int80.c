/* Executes argv[2..] with the i386 execve (int 0x80, syscall 11) from this 64-bit process; all vectors are copied to
 * memory below 4 GiB (MAP_32BIT). Mode argv[1]: "low" also moves the stack pointer there for the syscall, so that a
 * tracer can place 32-bit vectors on the stack; "high" keeps the normal stack, above 4 GiB.
 * On failure prints "failed <return value>" and exits 100. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

extern char **environ;

static char *low, *cursor;

static uint32_t copy(const char *s)
{
    size_t n = strlen(s) + 1;
    memcpy(cursor, s, n);
    char *at = cursor;
    cursor += n;
    return (uint32_t)(uintptr_t)at;
}

int main(int argc, char **argv)
{
    if (argc < 3) return 2;
    low = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    if (low == MAP_FAILED) { perror("mmap"); return 2; }
    cursor = low + 4096;
    uint32_t *args = (uint32_t *)low;
    int n = 0;
    for (int i = 2; i < argc && n < 200; i++) args[n++] = copy(argv[i]);
    args[n] = 0;
    uint32_t *env = (uint32_t *)(low + 2048);
    int m = 0;
    for (char **e = environ; *e && m < 200; e++) env[m++] = copy(*e);
    env[m] = 0;
    uint32_t path = copy(argv[2]);
    char *stack = low + (1 << 20) - 64;
    long ret;
    if (strcmp(argv[1], "low") == 0) {
        __asm__ volatile("mov %%rsp, %%r12\n\t"
                         "mov %[stack], %%rsp\n\t"
                         "int $0x80\n\t"
                         "mov %%r12, %%rsp"
                         : "=a"(ret)
                         : "a"(11L), "b"((long)path), "c"((long)(uintptr_t)args), "d"((long)(uintptr_t)env), [stack] "r"(stack)
                         : "r12", "memory");
    } else {
        __asm__ volatile("int $0x80"
                         : "=a"(ret)
                         : "a"(11L), "b"((long)path), "c"((long)(uintptr_t)args), "d"((long)(uintptr_t)env)
                         : "memory");
    }
    printf("failed %ld\n", ret);
    return 100;
}
