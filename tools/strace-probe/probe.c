/*
 * Calls each given syscall number with every argument set to one value, for
 * tools/strace-probe/check.py to run under strace. A seccomp filter makes every
 * call fail with ENOSYS without running, so nothing happens to the machine; the
 * tracer still sees the entry and exit. The work runs in a forked child so its
 * strace -ff output holds nothing but the probed calls.
 *
 * usage: probe 64|32 VALUE NUMBER...   (32: the i386 ABI through int $0x80)
 */
#define _GNU_SOURCE
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void deny_all(void)
{
    struct sock_filter f[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 2),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_exit_group, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 38),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = { sizeof f / sizeof f[0], f };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
        _exit(3);
}

static long call_i386(long nr, long v)
{
    long r;
    register long b __asm__("rbx") = v;
    register long c __asm__("rcx") = v;
    register long d __asm__("rdx") = v;
    register long s __asm__("rsi") = v;
    register long di __asm__("rdi") = v;
    __asm__ volatile("push %%rbp\n\tmov %[v], %%rbp\n\tint $0x80\n\tpop %%rbp"
                     : "=a"(r)
                     : "a"(nr), "r"(b), "r"(c), "r"(d), "r"(s), "r"(di), [v] "r"(v)
                     : "memory");
    return r;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    int i386 = argv[1][0] == '3';
    long v = strtol(argv[2], NULL, 0);
    pid_t pid = fork();
    if (pid != 0) {
        int status;
        waitpid(pid, &status, 0);
        return 0;
    }
    deny_all();
    for (int i = 3; i < argc; i++) {
        long nr = strtol(argv[i], NULL, 0);
        if (i386)
            call_i386(nr, v);
        else
            syscall(nr, v, v, v, v, v, v);
    }
    syscall(SYS_exit_group, 0);
    return 0;
}
