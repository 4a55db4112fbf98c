// strace-diff:
// strace-diff: -e trace=timerfd_create,timerfd_settime,timerfd_gettime -X raw
// strace-diff: -e trace=timerfd_create,timerfd_settime,timerfd_gettime -X verbose
// timerfd: create with clocks and flags, settime with fixed values
// (relative, TFD_TIMER_ABSTIME, TFD_TIMER_CANCEL_ON_SET) and without old
// value (an armed timer's remaining time varies), gettime of a disarmed timer.
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  int t = syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
  int r = syscall(SYS_timerfd_create, CLOCK_REALTIME, 0);
  syscall(SYS_timerfd_create, CLOCK_BOOTTIME, 0);
  syscall(SYS_timerfd_create, 123, 0);
  syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 0x1);
  struct itimerspec its = {{1, 500000000}, {3600, 0}}, old;
  syscall(SYS_timerfd_settime, t, 0, &its, 0);
  struct itimerspec off = {{0, 0}, {0, 0}};
  syscall(SYS_timerfd_settime, t, 0, &off, 0);
  syscall(SYS_timerfd_settime, t, 0, &off, &old);
  syscall(SYS_timerfd_gettime, t, &old);
  struct itimerspec abs = {{0, 0}, {2000000000, 0}};
  syscall(SYS_timerfd_settime, r, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &abs, 0);
  syscall(SYS_timerfd_settime, r, 0, &off, 0);
  struct itimerspec bad = {{0, 0}, {0, 2000000000}};
  syscall(SYS_timerfd_settime, t, 0, &bad, 0);
  syscall(SYS_timerfd_settime, t, 0x10, &its, 0);
  syscall(SYS_timerfd_gettime, 0, &old);
  syscall(SYS_timerfd_gettime, t, 0);
  return 0;
}
