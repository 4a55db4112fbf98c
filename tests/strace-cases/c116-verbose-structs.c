// strace-diff: -X verbose
// strace-diff: -X verbose -e trace=statfs,epoll_ctl,epoll_wait,timerfd_settime,inotify_add_watch,rt_sigaction
// -X verbose inside structures and composite values: statfs of /proc
// (f_type and f_flags), epoll events, itimerspec flags, inotify masks,
// sigaction masks and flags, mremap/madvise/mlock flags.
#define _GNU_SOURCE
#include <signal.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

int main(void) {
  struct statfs sf;
  syscall(SYS_statfs, "/proc", &sf);
  int ep = syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
  int p[2];
  pipe(p);
  struct epoll_event ev = {.events = EPOLLIN | EPOLLET | EPOLLPRI, .data.u64 = 7};
  syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], &ev);
  write(p[1], "x", 1);
  struct epoll_event out[2];
  syscall(SYS_epoll_wait, ep, out, 2, 0);
  int t = syscall(SYS_timerfd_create, CLOCK_REALTIME, TFD_NONBLOCK);
  struct itimerspec its = {{0, 0}, {2000000000, 0}};
  syscall(SYS_timerfd_settime, t, TFD_TIMER_ABSTIME, &its, 0);
  int in = syscall(SYS_inotify_init1, IN_NONBLOCK);
  syscall(SYS_inotify_add_watch, in, ".", IN_CREATE | IN_ONLYDIR | IN_MASK_ADD);
  struct sigaction sa = {0};
  sa.sa_handler = SIG_IGN;
  sa.sa_flags = SA_RESTART | SA_NOCLDWAIT;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGTERM);
  sigaction(SIGCHLD, &sa, 0);
  void *m = mmap(0, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  syscall(SYS_madvise, m, 4096, MADV_SEQUENTIAL);
  syscall(SYS_mlock2, m, 4096, MLOCK_ONFAULT);
  syscall(SYS_mremap, m, 8192, 4096, MREMAP_MAYMOVE);
  return 0;
}
