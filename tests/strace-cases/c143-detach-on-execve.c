// strace-diff: -f -b execve -e trace=clone,wait4,exit_group,write
// strace-diff: -f --detach-on=execve -e trace=clone,wait4,write
// strace-diff: -f -b execve -e trace=clone,wait4,write -e status=!detached
// strace-diff: -f -b execve -e trace=clone,wait4,write -e status=detached
// -b execve: a child is detached at its execve (the line ends in
// <detached ...>) and its program runs untraced; the traced command's own
// first execve is not a detach point. Untraced execve calls detach too. (The
// command's own execve line is left out: its envp address is the tracer's.) SIGCHLD is blocked and the parent
// settles in poll before waiting, so no line is split.
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGCHLD);
  sigprocmask(SIG_BLOCK, &s, 0);
  pid_t p = fork();
  if (p == 0) {
    execl("/bin/echo", "echo", "from the child", (char *)0);
    _exit(1);
  }
  poll(0, 0, 100);
  int st;
  waitpid(p, &st, 0);
  write(1, "parent\n", 7);
  return WEXITSTATUS(st);
}
