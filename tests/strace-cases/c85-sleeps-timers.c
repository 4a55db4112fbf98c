// strace-diff:
// strace-diff: -e trace=nanosleep,clock_nanosleep,clock_getres,timer_create,timer_settime,timer_gettime,timer_getoverrun,timer_delete -X raw
// strace-diff: -e trace=clock_nanosleep,timer_create,timer_settime -X verbose
// Short and past-deadline sleeps (nanosleep, clock_nanosleep relative and
// TIMER_ABSTIME, bad clocks and nanoseconds), clock_getres of several
// clocks, and POSIX timers: create with a sigevent (signal, none, thread
// id), settime relative/absolute with fixed values, gettime of a disarmed
// timer, getoverrun, delete, bad timer ids.
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  struct timespec ts = {0, 1000}, rem;
  syscall(SYS_nanosleep, &ts, 0);
  syscall(SYS_nanosleep, &ts, &rem);
  struct timespec bad = {0, 1000000000};
  syscall(SYS_nanosleep, &bad, 0);
  syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, 0);
  struct timespec past = {1, 0};
  syscall(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &past, 0);
  syscall(SYS_clock_nanosleep, CLOCK_BOOTTIME, TIMER_ABSTIME, &past, &rem);
  syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &ts, 0);
  syscall(SYS_clock_nanosleep, 99, 0, &ts, 0);
  syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0x10, &ts, 0);
  struct timespec res;
  syscall(SYS_clock_getres, CLOCK_REALTIME, &res);
  syscall(SYS_clock_getres, CLOCK_MONOTONIC_COARSE, &res);
  syscall(SYS_clock_getres, CLOCK_PROCESS_CPUTIME_ID, 0);
  syscall(SYS_clock_getres, 42, &res);
  struct sigevent sev;
  memset(&sev, 0, sizeof sev);
  sev.sigev_notify = SIGEV_SIGNAL;
  sev.sigev_signo = SIGUSR1;
  sev.sigev_value.sival_int = 7;
  int id1 = -1, id2 = -1;
  syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id1);
  sev.sigev_notify = SIGEV_NONE;
  syscall(SYS_timer_create, CLOCK_REALTIME, &sev, &id2);
  syscall(SYS_timer_create, CLOCK_MONOTONIC, 0, &id2);
  sev.sigev_notify = 99;
  syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &id2);
  struct itimerspec its = {{0, 0}, {3600, 0}}, old;
  syscall(SYS_timer_settime, id1, 0, &its, 0);
  struct itimerspec off = {{0, 0}, {0, 0}};
  syscall(SYS_timer_settime, id1, 0, &off, 0);
  syscall(SYS_timer_gettime, id1, &old);
  struct itimerspec abs = {{1, 0}, {2000000000, 0}};
  syscall(SYS_timer_settime, id1, TIMER_ABSTIME, &abs, 0);
  syscall(SYS_timer_settime, id1, 0, &off, 0);
  syscall(SYS_timer_getoverrun, id1);
  syscall(SYS_timer_delete, id1);
  syscall(SYS_timer_delete, id1);
  syscall(SYS_timer_gettime, 12345, &old);
  return 0;
}
