// strace-diff:
// strace-diff: -f
// strace-diff: -f -e trace=none
// Job control: a child stops itself with SIGSTOP, the parent sees it with
// WUNTRACED, resumes it with SIGCONT, sees WCONTINUED, and then kills it
// with SIGTERM (blocked until the child's sigsuspend, so the child's log
// does not depend on timing). Under -f the child's `--- stopped by SIGSTOP
// ---` line appears; SIGCHLD's siginfo after the unblock is CLD_STOPPED.
// The parent settles in poll(NULL, 0, 100) before each wait so that no
// wait4 line depends on scheduling.
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void settle(void) { poll(0, 0, 100); }

int main(void) {
  sigset_t chld, old;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigaddset(&chld, SIGTERM);
  sigprocmask(SIG_BLOCK, &chld, &old);
  pid_t pid = fork();
  if (pid == 0) {
    raise(SIGSTOP);
    write(1, "continued\n", 10);
    sigset_t none;
    sigemptyset(&none);
    sigsuspend(&none);
    _exit(9);
  }
  int st;
  settle();
  waitpid(pid, &st, WUNTRACED);
  kill(pid, SIGCONT);
  settle();
  waitpid(pid, &st, WCONTINUED);
  kill(pid, SIGTERM);
  settle();
  waitpid(pid, &st, 0);
  sigprocmask(SIG_SETMASK, &old, 0);
  return WIFSIGNALED(st) ? WTERMSIG(st) : 100;
}
