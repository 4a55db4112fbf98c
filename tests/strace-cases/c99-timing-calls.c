// strace-diff:
// strace-diff: -e trace=clock_gettime,clock_settime,clock_adjtime,adjtimex,settimeofday,gettimeofday,time,stime,alarm,getitimer,setitimer -X raw
// Time calls that print nothing that changes between runs: clock_gettime
// and gettimeofday with NULL or bad buffers, clock_settime/settimeofday
// with times the kernel rejects (nanoseconds out of range, negative), a
// clock_adjtime with a bad mode, alarm(0), setitimer of ITIMER_REAL to a
// fixed value and back to zero without old values, getitimer of a
// stopped timer.
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  syscall(SYS_clock_gettime, CLOCK_REALTIME, 0);
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)1);
  syscall(SYS_gettimeofday, 0, 0);
  struct timespec bad = {0, 2000000000};
  syscall(SYS_clock_settime, CLOCK_REALTIME, &bad);
  struct timespec neg = {-1, 0};
  syscall(SYS_clock_settime, CLOCK_REALTIME, &neg);
  syscall(SYS_clock_settime, CLOCK_MONOTONIC, &neg);
  struct timeval tv = {0, 2000000};
  syscall(SYS_settimeofday, &tv, 0);
  struct timezone tz = {60, 0};
  syscall(SYS_settimeofday, 0, (void *)1);
  (void)tz;
  struct timex tx = {.modes = 0x8000 | 0x4000};
  syscall(SYS_clock_adjtime, 99, &tx);
  syscall(SYS_adjtimex, (void *)1);
  syscall(SYS_alarm, 0);
  struct itimerval it = {{0, 0}, {100, 0}}, old;
  syscall(SYS_setitimer, ITIMER_REAL, &it, 0);
  struct itimerval off = {{0, 0}, {0, 0}};
  syscall(SYS_setitimer, ITIMER_REAL, &off, 0);
  syscall(SYS_getitimer, ITIMER_REAL, &old);
  syscall(SYS_getitimer, ITIMER_VIRTUAL, &old);
  syscall(SYS_setitimer, 7, &it, 0);
  syscall(SYS_getitimer, ITIMER_PROF, 0);
  return 0;
}
