// strace-diff:
// strace-diff: -f
// strace-diff: -f -e trace=%process
// strace-diff: -f -e trace=wait4,exit_group,kill
// fork + wait4 statuses: normal exits (0, 3, 255), death by an uncaught
// SIGTERM, WNOHANG with a live child (0) and with none left (ECHILD),
// waiting for a specific pid and for any child. SIGCHLD is blocked so the
// `--- SIGCHLD` line lands at one place (after the final unblock).
// Before each wait the parent settles in poll(NULL, 0, 100): the child has
// then run and been reported, so whether wait4 sleeps (and is printed in
// two halves around the child's lines) does not depend on scheduling.
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void settle(void) { poll(0, 0, 100); }

static pid_t child(int code) {
  pid_t pid = fork();
  if (pid == 0) _exit(code);
  settle();
  return pid;
}

int main(void) {
  sigset_t chld, old;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, &old);
  int st;
  pid_t a = child(0);
  waitpid(a, &st, 0);
  pid_t b = child(3);
  wait4(b, &st, 0, 0);
  child(255);
  waitpid(-1, &st, 0);
  /* SIGTERM is blocked before the fork and only let in by sigsuspend in
     the child, so the child's log is the same whether the signal comes
     before or during the sigsuspend */
  sigset_t term;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigprocmask(SIG_BLOCK, &term, 0);
  pid_t d = fork();
  if (d == 0) {
    sigsuspend(&old);
    _exit(1);
  }
  settle();
  waitpid(d, &st, WNOHANG);
  kill(d, SIGTERM);
  settle();
  waitpid(d, &st, 0);
  waitpid(-1, &st, WNOHANG);
  waitpid(-1, &st, 0);
  sigprocmask(SIG_SETMASK, &old, 0);
  return WEXITSTATUS(st);
}
