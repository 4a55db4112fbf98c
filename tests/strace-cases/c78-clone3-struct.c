// strace-diff:
// strace-diff: -e trace=clone3 -X raw
// strace-diff: -e trace=clone3 -v
// clone3's struct clone_args in calls the kernel rejects (so no child
// runs): flags, exit signal, a pidfd pointer, a stack, set_tid arrays,
// a cgroup fd, sizes too small and too large, NULL, nonzero extra bytes.
#define _GNU_SOURCE
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  static char stack[4096];
  int pidfd = -1;
  pid_t tids[2] = {12345, 1};
  struct clone_args a;
  memset(&a, 0, sizeof a);
  a.flags = CLONE_PIDFD | CLONE_PARENT_SETTID | CLONE_VM;
  a.pidfd = (uint64_t)(uintptr_t)&pidfd;
  a.exit_signal = SIGCHLD;
  a.stack = (uint64_t)(uintptr_t)stack;
  a.stack_size = 0;
  syscall(SYS_clone3, &a, sizeof a);
  memset(&a, 0, sizeof a);
  a.flags = CLONE_INTO_CGROUP;
  a.cgroup = 99;
  a.exit_signal = 0x100;
  syscall(SYS_clone3, &a, sizeof a);
  memset(&a, 0, sizeof a);
  a.set_tid = (uint64_t)(uintptr_t)tids;
  a.set_tid_size = 2;
  a.flags = CLONE_NEWPID | CLONE_NEWNS;
  a.tls = 0x1234;
  syscall(SYS_clone3, &a, 0x10);
  syscall(SYS_clone3, 0, sizeof a);
  syscall(SYS_clone3, (void *)1, sizeof a);
  struct { struct clone_args a; uint64_t extra; } big;
  memset(&big, 0, sizeof big);
  big.a.flags = 0x400000000ull;
  big.extra = 7;
  syscall(SYS_clone3, &big, sizeof big);
  return 0;
}
