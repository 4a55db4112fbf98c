// strace-diff:
// strace-diff: -e trace=select,pselect6,poll,ppoll -X raw
// strace-diff: -e trace=select,pselect6,ppoll -v
// select and pselect6 with zero and NULL timeouts on ready and idle
// descriptors (fd sets in and out), pselect6's sigmask pack, ppoll with a
// sigmask and a zero timeout, bad nfds, and an unreadable set.
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  int p[2];
  pipe(p);
  write(p[1], "x", 1);
  fd_set r, w;
  FD_ZERO(&r);
  FD_ZERO(&w);
  FD_SET(p[0], &r);
  FD_SET(p[1], &w);
  struct timeval tv = {0, 0};
  syscall(SYS_select, p[1] + 1, &r, &w, 0, &tv);
  FD_ZERO(&r);
  FD_SET(0, &r);
  FD_SET(p[1], &r);
  tv.tv_sec = 0;
  tv.tv_usec = 0;
  syscall(SYS_select, p[1] + 1, &r, 0, 0, &tv);
  syscall(SYS_select, -1, 0, 0, 0, &tv);
  syscall(SYS_select, 2, (void *)1, 0, 0, &tv);
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR2);
  struct { sigset_t *ss; unsigned long size; } pack = {&mask, 8};
  struct timespec ts = {0, 0};
  FD_ZERO(&r);
  FD_SET(p[0], &r);
  syscall(SYS_pselect6, p[0] + 1, &r, 0, 0, &ts, &pack);
  syscall(SYS_pselect6, p[0] + 1, &r, 0, 0, &ts, 0);
  pack.size = 4;
  syscall(SYS_pselect6, p[0] + 1, &r, 0, 0, &ts, &pack);
  struct pollfd fds[2] = {{p[0], POLLIN | POLLPRI, 0}, {p[1], POLLOUT | POLLRDHUP, 0}};
  syscall(SYS_ppoll, fds, 2, &ts, &mask, 8);
  syscall(SYS_ppoll, fds, 1, 0, 0, 8);
  struct pollfd idle = {0, POLLIN, 0};
  syscall(SYS_poll, &idle, 1, 0);
  syscall(SYS_ppoll, &idle, 1, &ts, &mask, 4);
  return 0;
}
