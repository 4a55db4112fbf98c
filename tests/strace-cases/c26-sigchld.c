// strace-diff:
// strace-diff: -f
// strace-diff: -f -e trace=%signal,wait4
// A handled SIGCHLD from an exiting child (SA_SIGINFO handler, si_status,
// si_code=CLD_EXITED), made deterministic by blocking SIGCHLD and waiting
// for it in sigsuspend; then SIGCHLD with SA_NOCLDSTOP set and a child
// killed by a signal (CLD_KILLED).
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static void on_chld(int sig, siginfo_t *si, void *uc) {
  (void)sig; (void)uc;
  got = si->si_status;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_chld;
  sa.sa_flags = SA_SIGINFO | SA_RESTART;
  sigaction(SIGCHLD, &sa, 0);
  sigset_t block, none;
  sigemptyset(&block);
  sigaddset(&block, SIGCHLD);
  sigemptyset(&none);
  sigprocmask(SIG_BLOCK, &block, 0);
  pid_t pid = fork();
  if (pid == 0) _exit(17);
  sigsuspend(&none);
  int st;
  waitpid(pid, &st, 0);
  sa.sa_flags |= SA_NOCLDSTOP;
  sigaction(SIGCHLD, &sa, 0);
  pid = fork();
  if (pid == 0) {
    kill(getpid(), SIGKILL);
    _exit(1);
  }
  sigsuspend(&none);
  waitpid(pid, &st, 0);
  return got == SIGKILL ? 0 : 1;
}
