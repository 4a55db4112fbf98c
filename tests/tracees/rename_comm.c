// --decode-pids=comm: renames itself (prctl PR_SET_NAME), forks a child that renames itself too; the child
// waits on a pipe until the parent's fork has returned, the parent waits for the child.
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGCHLD);
  sigprocmask(SIG_BLOCK, &s, 0);
  prctl(PR_SET_NAME, "first-name", 0, 0, 0);
  getpid();
  syscall(SYS_gettid);
  prctl(PR_SET_NAME, "renamed", 0, 0, 0);
  getpid();
  int p[2];
  pipe(p);
  pid_t child = fork();
  if (child == 0) {
    char c;
    read(p[0], &c, 1);
    getpid();
    prctl(PR_SET_NAME, "kid", 0, 0, 0);
    getpid();
    _exit(0);
  }
  write(p[1], "go", 1);
  poll(0, 0, 100);
  waitpid(child, 0, 0);
  getpid();
  return 0;
}
