// strace-diff:
// strace-diff: -e trace=seccomp,capget,capset,prctl -X raw
// strace-diff: -e trace=seccomp,capget,capset -v
// strace-diff: -e trace=seccomp,capget,capset -X verbose -v
// seccomp: GET_ACTION_AVAIL for several actions, GET_NOTIF_SIZES, a
// filter program (printed as a BPF program) installed with flags, bad
// operations; capget/capset with v3 headers and data, a bad version.
#define _GNU_SOURCE
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  unsigned int action = SECCOMP_RET_KILL_PROCESS;
  syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
  action = SECCOMP_RET_LOG;
  syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
  action = SECCOMP_RET_USER_NOTIF;
  syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
  action = 0x12345678;
  syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
  struct seccomp_notif_sizes sizes;
  syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes);
  syscall(SYS_seccomp, 99, 0, 0);
  syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 1, 0);
  prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  struct sock_filter insns[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 9999, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 38),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  struct sock_fprog prog = {.len = 4, .filter = insns};
  syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_SPEC_ALLOW, &prog);
  syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0x100, &prog);
  struct sock_fprog empty = {.len = 0, .filter = insns};
  syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &empty);
  syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, 0);
  struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct d[2];
  syscall(SYS_capget, &h, d);
  syscall(SYS_capset, &h, d);
  d[0].effective &= ~(1u << CAP_SYS_ADMIN);
  syscall(SYS_capset, &h, d);
  syscall(SYS_capget, &h, d);
  struct __user_cap_header_struct bad = {0x12345678, 0};
  syscall(SYS_capget, &bad, d);
  struct __user_cap_header_struct v1 = {_LINUX_CAPABILITY_VERSION_1, 0};
  syscall(SYS_capget, &v1, 0);
  syscall(SYS_capget, 0, d);
  return 0;
}
