// strace-diff:
// strace-diff: -e trace=dup,dup2,dup3,pipe,pipe2,close,read,write -y
// strace-diff: -e trace=%desc -e status=failed
// strace-diff-m32:
// dup/dup2/dup3 (O_CLOEXEC, same fd, EBADF, EINVAL), pipe/pipe2 flags,
// EAGAIN on an empty O_NONBLOCK pipe, EPIPE with SIGPIPE ignored. The
// dup targets (40+) avoid low fds that a test environment may leak.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  int p[2], q[2];
  char buf[16];
  pipe(p);
  write(p[1], "through", 7);
  read(p[0], buf, sizeof buf);
  int d = dup(p[0]);
  dup(123);
  dup2(p[1], 40);
  dup2(40, 40);
  dup2(55, 41);
  dup3(p[1], 42, O_CLOEXEC);
  dup3(42, 42, 0);
  dup3(p[1], 43, 0x1);
  syscall(SYS_pipe2, q, O_CLOEXEC | O_NONBLOCK);
  read(q[0], buf, sizeof buf);
  syscall(SYS_pipe2, q, O_DIRECT);
  syscall(SYS_pipe2, q, 0x1);
  syscall(SYS_pipe, (void *)1);
  close(d);
  close(40);
  close(42);
  close(p[0]);
  signal(SIGPIPE, SIG_IGN);
  write(p[1], "lost", 4);
  close(p[1]);
  close(p[1]);
  return 0;
}
