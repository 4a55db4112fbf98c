// strace-diff:
// strace-diff: -e trace=none
// strace-diff: -e trace=%signal
// strace-diff: -e trace=write,rt_sigreturn
// Handled signals: SIGUSR1 via kill() with a plain handler (the
// `--- SIGUSR1 {...} ---` line, then rt_sigreturn with the restored mask),
// SIGUSR2 via raise() with an SA_SIGINFO handler, sigqueue with a value
// (si_int/si_ptr), a signal blocked and delivered at the unblock, and a
// real-time signal queued twice.
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void plain(int sig) { write(1, sig == SIGUSR1 ? "usr1\n" : "other\n", sig == SIGUSR1 ? 5 : 6); }
static void info(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  char msg[] = "info X\n";
  msg[5] = (char)('0' + (si->si_value.sival_int % 10));
  write(1, msg, 7);
  (void)sig;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = plain;
  sigaction(SIGUSR1, &sa, 0);
  sa.sa_sigaction = info;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigaddset(&sa.sa_mask, SIGTERM);
  sigaction(SIGUSR2, &sa, 0);
  sigaction(SIGRTMIN + 2, &sa, 0);
  kill(getpid(), SIGUSR1);
  raise(SIGUSR2);
  union sigval v = {.sival_int = 7};
  sigqueue(getpid(), SIGUSR2, v);
  sigset_t s, old;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  sigaddset(&s, SIGRTMIN + 2);
  sigprocmask(SIG_BLOCK, &s, &old);
  kill(getpid(), SIGUSR1);
  kill(getpid(), SIGUSR1);
  v.sival_int = 3;
  sigqueue(getpid(), SIGRTMIN + 2, v);
  v.sival_int = 4;
  sigqueue(getpid(), SIGRTMIN + 2, v);
  write(1, "unblocking\n", 11);
  sigprocmask(SIG_SETMASK, &old, 0);
  write(1, "done\n", 5);
  return 0;
}
