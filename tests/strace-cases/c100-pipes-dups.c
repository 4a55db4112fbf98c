// strace-diff:
// strace-diff: -e trace=pipe2,dup,dup2,dup3,close,close_range,fcntl -y
// strace-diff: -e trace=pipe2,dup3 -X raw
// pipe2 flags (O_CLOEXEC, O_NONBLOCK, O_DIRECT, bad), dup/dup2/dup3 with
// O_CLOEXEC, onto the same descriptor and onto a high one, dup3 with bad
// flags and the same fd (EINVAL), closes of closed and negative fds.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  int p[2], q[2];
  syscall(SYS_pipe2, p, O_CLOEXEC | O_NONBLOCK);
  syscall(SYS_pipe2, q, O_DIRECT);
  syscall(SYS_pipe2, q, 0x1);
  syscall(SYS_pipe2, (void *)1, 0);
  int d = dup(p[0]);
  dup2(p[1], p[1]);
  dup2(p[1], 100);
  syscall(SYS_dup3, p[0], 101, O_CLOEXEC);
  syscall(SYS_dup3, p[0], p[0], 0);
  syscall(SYS_dup3, p[0], 102, 0x1);
  dup2(-1, 5);
  close(d);
  close(d);
  close(-5);
  fcntl(100, F_GETFD);
  fcntl(101, F_GETFD);
  fcntl(101, F_SETFD, 0);
  fcntl(101, F_GETFL);
  return 0;
}
