// strace-diff:
// strace-diff: -e trace=clone,unshare,setns -X raw
// strace-diff: -e trace=clone,unshare,setns -X verbose
// clone with flag combinations the kernel rejects (so no child is made):
// CLONE_THREAD without CLONE_SIGHAND, CLONE_SIGHAND without CLONE_VM,
// CLONE_NEWNS with CLONE_FS, unknown exit signals; unshare with bad and
// unknown flags; setns on bad descriptors and with namespace types.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  syscall(SYS_clone, CLONE_THREAD | SIGCHLD, 0, 0, 0, 0);
  syscall(SYS_clone, CLONE_SIGHAND | SIGUSR1, 0, 0, 0, 0);
  syscall(SYS_clone, CLONE_NEWNS | CLONE_FS, 0, 0, 0, 0);
  syscall(SYS_clone, CLONE_NEWUSER | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | 77, 0, 0, 0, 0);
  syscall(SYS_unshare, CLONE_THREAD | CLONE_SIGHAND | CLONE_VM | 0x80000000u);
  syscall(SYS_unshare, 0x100);
  syscall(SYS_setns, -1, CLONE_NEWNET);
  int f = open("/dev/null", O_RDONLY);
  syscall(SYS_setns, f, 0);
  syscall(SYS_setns, f, CLONE_NEWUTS | CLONE_NEWIPC);
  syscall(SYS_setns, f, 0x1);
  return 0;
}
