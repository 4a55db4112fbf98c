// strace-diff:
// strace-diff: -e trace=alarm,setitimer,getitimer,rt_sigsuspend,rt_sigreturn
// strace-diff: -e trace=%signal,%clock
// alarm (set, query-and-cancel: the remaining whole seconds), setitimer
// ITIMER_REAL with the old value, getitimer of disarmed/expired timers,
// ITIMER_VIRTUAL/ITIMER_PROF, bad which (EINVAL), and a SIGALRM from a
// 20 ms one-shot timer caught in sigsuspend (SI_KERNEL siginfo).
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static void on_alrm(int sig) { (void)sig; write(1, "tick\n", 5); }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alrm;
  sigaction(SIGALRM, &sa, 0);
  alarm(30);
  alarm(0);
  alarm(0);
  struct itimerval it, old;
  getitimer(ITIMER_REAL, &old);
  getitimer(ITIMER_VIRTUAL, &old);
  getitimer(ITIMER_PROF, &old);
  syscall(SYS_getitimer, 5, &old);
  sigset_t block, none;
  sigemptyset(&block);
  sigaddset(&block, SIGALRM);
  sigemptyset(&none);
  sigprocmask(SIG_BLOCK, &block, 0);
  memset(&it, 0, sizeof it);
  it.it_value.tv_usec = 20000;
  setitimer(ITIMER_REAL, &it, &old);
  sigsuspend(&none);
  getitimer(ITIMER_REAL, &old);
  it.it_value.tv_sec = 100;
  it.it_value.tv_usec = 0;
  it.it_interval.tv_sec = 5;
  setitimer(ITIMER_VIRTUAL, &it, 0);
  memset(&it, 0, sizeof it);
  setitimer(ITIMER_VIRTUAL, &it, 0);
  it.it_value.tv_usec = 2000000;
  setitimer(ITIMER_REAL, &it, 0);
  syscall(SYS_setitimer, 9, &it, 0);
  return 0;
}
