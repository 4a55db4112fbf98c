/* Sizes and offsets of the kernel structs snapshot/restore uses, from the system headers, as "name value" lines. */
#include <linux/prctl.h>
#include <linux/ptrace.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/user.h>

int main(void)
{
    printf("prctl_mm_map.size %zu\n", sizeof(struct prctl_mm_map));
    printf("prctl_mm_map.auxv %zu\n", offsetof(struct prctl_mm_map, auxv));
    printf("prctl_mm_map.exe_fd %zu\n", offsetof(struct prctl_mm_map, exe_fd));
    printf("ptrace_rseq_configuration.size %zu\n", sizeof(struct ptrace_rseq_configuration));
    printf("ptrace_rseq_configuration.signature %zu\n", offsetof(struct ptrace_rseq_configuration, signature));
    printf("user_regs_struct.size %zu\n", sizeof(struct user_regs_struct));
    printf("user_regs_struct.fs_base %zu\n", offsetof(struct user_regs_struct, fs_base));
    printf("PTRACE_GETSIGMASK %d\n", PTRACE_GETSIGMASK);
    printf("PTRACE_SETSIGMASK %d\n", PTRACE_SETSIGMASK);
    printf("PTRACE_GET_RSEQ_CONFIGURATION %d\n", PTRACE_GET_RSEQ_CONFIGURATION);
    printf("PR_SET_MM %d\n", PR_SET_MM);
    printf("PR_SET_MM_MAP %d\n", PR_SET_MM_MAP);
    return 0;
}
