// strace-diff:
// strace-diff: -e trace=eventfd2,epoll_create1,epoll_create,epoll_ctl,epoll_wait,epoll_pwait,epoll_pwait2,read,write -X raw
// strace-diff: -yy -e trace=eventfd2,epoll_ctl,epoll_wait,epoll_pwait
// eventfd2 flags and counter I/O, epoll_create1/epoll_create, epoll_ctl
// ADD/MOD/DEL with event masks and data, epoll_wait/epoll_pwait (with a
// sigmask)/epoll_pwait2 (with a timeout) on ready and empty sets.
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  int e = syscall(SYS_eventfd2, 3, EFD_CLOEXEC | EFD_NONBLOCK);
  int s = syscall(SYS_eventfd2, 0, EFD_SEMAPHORE);
  syscall(SYS_eventfd2, 0, 0x4);
  uint64_t v = 5;
  write(e, &v, sizeof v);
  read(e, &v, sizeof v);
  read(e, &v, sizeof v);
  int ep = syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
  syscall(SYS_epoll_create1, 1);
  syscall(SYS_epoll_create, 0);
  struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 0x1122334455667788ull};
  syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, e, &ev);
  ev.events = EPOLLIN | EPOLLOUT | EPOLLONESHOT | EPOLLRDHUP;
  ev.data.fd = s;
  syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, s, &ev);
  ev.events = EPOLLIN | EPOLLEXCLUSIVE;
  syscall(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, s, &ev);
  syscall(SYS_epoll_ctl, ep, 99, s, &ev);
  struct epoll_event out[4];
  syscall(SYS_epoll_wait, ep, out, 4, 0);
  v = 1;
  write(e, &v, sizeof v);
  syscall(SYS_epoll_wait, ep, out, 4, 0);
  syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, s, 0);
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  syscall(SYS_epoll_pwait, ep, out, 4, 0, &mask, 8);
  struct timespec ts = {0, 1000};
  syscall(SYS_epoll_pwait2, ep, out, 4, &ts, 0, 8);
  syscall(SYS_epoll_wait, ep, out, 0, 0);
  syscall(SYS_epoll_wait, -1, out, 1, 0);
  return 0;
}
