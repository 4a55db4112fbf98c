// strace-diff:
// strace-diff: -f
// strace-diff: -f -e trace=vfork,execve,exit_group,wait4,write
// vfork followed by execve of this same program in a child mode (the
// parent stays suspended until the exec), and a vfork child that _exits.
// The parent settles in poll(NULL, 0, 100) before each wait so that no
// wait4 line depends on scheduling.
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void settle(void) { poll(0, 0, 100); }

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
    write(1, "in child\n", 9);
    return 4;
  }
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, 0);
  int st;
  pid_t pid = vfork();
  if (pid == 0) {
    char *args[] = {argv[0], "child", 0};
    char *env[] = {"ONLY=1", 0};
    execve(argv[0], args, env);
    _exit(127);
  }
  settle();
  waitpid(pid, &st, 0);
  pid = vfork();
  if (pid == 0) _exit(5);
  settle();
  waitpid(pid, &st, 0);
  write(1, "parent done\n", 12);
  return WEXITSTATUS(st);
}
