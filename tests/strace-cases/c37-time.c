// strace-diff:
// strace-diff: -e trace=%clock
// strace-diff: -e trace=nanosleep,clock_nanosleep,gettimeofday,clock_getres,uname,times
// Time calls whose output does not depend on the clock: nanosleep and
// clock_nanosleep (relative, bad tv_nsec EINVAL, unknown clock), direct
// syscalls (the vDSO versions are invisible): gettimeofday with only a
// timezone, clock_getres of several clocks, clock_gettime/settime errors,
// times/time with bad pointers, and uname.
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  struct timespec ts = {0, 2000}, rem;
  nanosleep(&ts, &rem);
  syscall(SYS_nanosleep, &ts, 0);
  clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &rem);
  clock_nanosleep(CLOCK_BOOTTIME, 0, &ts, 0);
  struct timespec bad = {0, 1000000000};
  nanosleep(&bad, 0);
  syscall(SYS_clock_nanosleep, 77, 0, &ts, 0);
  struct timespec neg = {-1, 0};
  syscall(SYS_nanosleep, &neg, 0);
  struct timezone tz;
  syscall(SYS_gettimeofday, 0, &tz);
  syscall(SYS_gettimeofday, 0, 0);
  struct timespec res;
  syscall(SYS_clock_getres, CLOCK_REALTIME, &res);
  syscall(SYS_clock_getres, CLOCK_MONOTONIC, &res);
  syscall(SYS_clock_getres, CLOCK_PROCESS_CPUTIME_ID, &res);
  syscall(SYS_clock_getres, CLOCK_MONOTONIC_COARSE, &res);
  syscall(SYS_clock_getres, CLOCK_BOOTTIME, 0);
  syscall(SYS_clock_getres, 42, &res);
  syscall(SYS_clock_gettime, 42, &res);
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)1);
  syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts);
  syscall(SYS_times, (void *)1);
  syscall(SYS_time, (void *)1);
  struct utsname u;
  uname(&u);
  return 0;
}
