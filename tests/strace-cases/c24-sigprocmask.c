// strace-diff:
// strace-diff: -e trace=rt_sigprocmask,rt_sigpending,rt_sigsuspend,rt_sigtimedwait
// strace-diff: -e trace=%signal -s 8
// Signal set decoding: the inherited initial mask, single/multiple
// signals, real-time signals (RTMIN/RT_n, SIGRT_n), a full set printed as
// ~[...] complement, SIG_BLOCK/SIG_UNBLOCK/SIG_SETMASK, bad how (EINVAL),
// bad sigsetsize, sigpending of a blocked pending signal, sigtimedwait
// consuming it (with siginfo) and timing out with EAGAIN.
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  sigset_t s, old;
  sigprocmask(SIG_BLOCK, 0, &old);
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  sigprocmask(SIG_BLOCK, &s, &old);
  sigaddset(&s, SIGUSR1);
  sigaddset(&s, SIGTERM);
  sigaddset(&s, SIGRTMIN);
  sigaddset(&s, SIGRTMIN + 5);
  sigaddset(&s, SIGRTMAX);
  sigprocmask(SIG_BLOCK, &s, &old);
  sigprocmask(SIG_UNBLOCK, &s, &old);
  sigfillset(&s);
  sigprocmask(SIG_SETMASK, &s, &old);
  sigdelset(&s, SIGHUP);
  sigdelset(&s, SIGSEGV);
  sigprocmask(SIG_SETMASK, &s, &old);
  unsigned long raw = ~0UL;
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &raw, &old, 8);
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, 0, &old, 8);
  syscall(SYS_rt_sigprocmask, 7, &raw, 0, 8);
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &raw, 0, 4);
  sigemptyset(&s);
  sigaddset(&s, SIGUSR2);
  sigprocmask(SIG_SETMASK, &s, 0);
  sigset_t pend;
  sigpending(&pend);
  raise(SIGUSR2);
  sigpending(&pend);
  siginfo_t si;
  struct timespec ts = {0, 1000000};
  sigtimedwait(&s, &si, &ts);
  sigtimedwait(&s, &si, &ts);
  sigemptyset(&s);
  sigprocmask(SIG_SETMASK, &s, 0);
  return 0;
}
