// strace-diff:
// strace-diff: -e trace=poll,ppoll,select,pselect6,epoll_create1,epoll_ctl,epoll_wait,epoll_pwait,eventfd2
// strace-diff: -e trace=%desc -e status=successful
// I/O multiplexing with results that do not depend on timing (data is
// already there, or timeouts are zero): poll/ppoll with revents, select and
// pselect6 fd sets before and after, epoll_create1/epoll_ctl/epoll_wait with
// events and data, eventfd2 read/write, EBADF/EINVAL/EEXIST/ENOENT errors.
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  int p[2];
  pipe(p);
  write(p[1], "x", 1);
  struct pollfd fds[3] = {{p[0], POLLIN | POLLPRI, 0}, {p[1], POLLOUT, 0}, {99, POLLIN, 0}};
  poll(fds, 3, 0);
  struct pollfd none = {p[0], POLLOUT, 0};
  poll(&none, 1, 0);
  struct timespec zero = {0, 0};
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  ppoll(fds, 2, &zero, &mask);
  ppoll(fds, 1, 0, 0);
  fd_set r, w;
  FD_ZERO(&r);
  FD_ZERO(&w);
  FD_SET(p[0], &r);
  FD_SET(0, &r);
  FD_SET(p[1], &w);
  struct timeval tv = {0, 0};
  select(p[1] + 1, &r, &w, 0, &tv);
  FD_ZERO(&r);
  FD_SET(p[1], &r);
  select(p[1] + 1, &r, 0, 0, &tv);
  FD_ZERO(&r);
  FD_SET(p[0], &r);
  pselect(p[0] + 1, &r, 0, 0, &zero, &mask);
  select(-1, 0, 0, 0, &tv);
  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 0x1122334455667788ULL};
  epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
  epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
  ev.events = EPOLLOUT;
  ev.data.fd = p[1];
  epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev);
  epoll_ctl(ep, EPOLL_CTL_MOD, 55, &ev);
  epoll_ctl(ep, EPOLL_CTL_DEL, p[1], 0);
  struct epoll_event out[4];
  epoll_wait(ep, out, 4, 0);
  epoll_wait(ep, out, 4, 0);
  epoll_pwait(ep, out, 4, 0, &mask);
  epoll_wait(ep, out, 0, 0);
  int efd = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
  uint64_t val = 7;
  write(efd, &val, sizeof val);
  read(efd, &val, sizeof val);
  read(efd, &val, sizeof val);
  syscall(SYS_eventfd2, 0, 0x7);
  return 0;
}
