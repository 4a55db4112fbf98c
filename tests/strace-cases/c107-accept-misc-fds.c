// strace-diff:
// strace-diff: -e trace=signalfd4,eventfd2,timerfd_create,epoll_create1,inotify_init1,userfaultfd,memfd_create,pidfd_open,fanotify_init,close -yy
// Descriptors of anonymous inodes and what -yy shows for each (signalfd,
// eventfd, timerfd, eventpoll, inotify, userfaultfd, memfd, pidfd,
// fanotify), closed in turn.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

int main(void) {
  sigset_t m;
  sigemptyset(&m);
  int fds[9];
  fds[0] = syscall(SYS_signalfd4, -1, &m, 8, 0);
  fds[1] = syscall(SYS_eventfd2, 0, 0);
  fds[2] = syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 0);
  fds[3] = syscall(SYS_epoll_create1, 0);
  fds[4] = syscall(SYS_inotify_init1, 0);
  fds[5] = syscall(SYS_userfaultfd, 0);
  fds[6] = syscall(SYS_memfd_create, "anon", 0);
  fds[7] = syscall(SYS_fanotify_init, 0, 0);
  fds[8] = syscall(SYS_pidfd_open, 1, 0);
  for (int i = 0; i < 9; i++) close(fds[i]);
  return 0;
}
