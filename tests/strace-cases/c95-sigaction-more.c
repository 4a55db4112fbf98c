// strace-diff:
// strace-diff: -e trace=set_tid_address,rt_sigaction,rt_sigprocmask,tgkill,kill -X raw
// strace-diff: -e trace=rt_sigaction,rt_sigprocmask -X verbose
// rt_sigaction with SA_SIGINFO|SA_ONSTACK|SA_RESETHAND|SA_NOCLDSTOP and
// masks (including real-time signals and the inverted "~[...]" form),
// reading back the old action, SIGKILL (EINVAL), a bad size and signal;
// rt_sigprocmask SIG_SETMASK/SIG_UNBLOCK with almost-full sets and bad
// how; signal 0 probes with tgkill and kill on ourselves.
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void handler(int sig, siginfo_t *si, void *uc) { (void)sig; (void)si; (void)uc; }

int main(void) {
  pid_t me = getpid();
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND | SA_NOCLDSTOP;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGINT);
  sigaddset(&sa.sa_mask, SIGRTMIN);
  sigaddset(&sa.sa_mask, SIGRTMAX);
  sigaction(SIGUSR1, &sa, 0);
  sigaction(SIGUSR1, 0, &old);
  sigfillset(&sa.sa_mask);
  sigdelset(&sa.sa_mask, SIGHUP);
  sa.sa_flags = 0;
  sigaction(SIGCHLD, &sa, &old);
  sigaction(SIGKILL, &sa, 0);
  syscall(SYS_rt_sigaction, 99, 0, &old, 8);
  syscall(SYS_rt_sigaction, SIGUSR2, 0, &old, 4);
  sigset_t set, prev;
  sigfillset(&set);
  sigdelset(&set, SIGTERM);
  syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, &prev, 8);
  syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, &prev, 8);
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, &prev, 8);
  syscall(SYS_rt_sigprocmask, 42, &set, 0, 8);
  syscall(SYS_tgkill, me, me, 0);
  syscall(SYS_kill, me, 0);
  syscall(SYS_tgkill, me, 999999, 0);
  return 0;
}
