// strace-diff:
// strace-diff: -e trace=kill,write,set_tid_address
// strace-diff: -q
// A program that kills itself with SIGKILL: `kill(...) = ?` and
// `+++ killed by SIGKILL +++`, and the tracer's own exit status must follow.
#include <signal.h>
#include <unistd.h>

int main(void) {
  write(1, "before\n", 7);
  kill(getpid(), SIGKILL);
  write(1, "after\n", 6);
  return 0;
}
