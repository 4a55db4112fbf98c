// strace-diff: -f -q
// strace-diff: -f -qq
// strace-diff: -qq -e trace=none
// strace-diff: -f -qq -e trace=%process
// -q/-qq: -qq drops the `+++ exited with N +++` lines but keeps
// `+++ killed by SIG +++`. One child exits with 3, one is killed by
// SIGTERM (deterministically, via a blocked signal and sigsuspend), and
// the parent exits with 0. The parent settles in poll(NULL, 0, 100)
// before each wait so that no wait4 line depends on scheduling.
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  sigset_t s, none;
  sigemptyset(&s);
  sigemptyset(&none);
  sigaddset(&s, SIGCHLD);
  sigaddset(&s, SIGTERM);
  sigprocmask(SIG_BLOCK, &s, 0);
  pid_t a = fork();
  if (a == 0) _exit(3);
  poll(0, 0, 100);
  waitpid(a, 0, 0);
  pid_t b = fork();
  if (b == 0) {
    sigsuspend(&none);
    _exit(0);
  }
  kill(b, SIGTERM);
  poll(0, 0, 100);
  waitpid(b, 0, 0);
  write(1, "bye\n", 4);
  return 0;
}
