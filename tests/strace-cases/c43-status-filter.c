// strace-diff: -e status=failed
// strace-diff: -e status=successful
// strace-diff: -e status=!successful
// strace-diff: -e status=unfinished
// strace-diff: -e status=unavailable
// strace-diff: -e status=failed,unfinished -f
// strace-diff: -Z -e trace=%file
// strace-diff: -z -e trace=%file,exit_group
// strace-diff: -z -Z
// Filtering by return status: failed/successful/unfinished/unavailable and
// their negation, -Z/-z with a trace set, the combination of both, a
// syscall that never returns (exit_group: `= ?`), one that is killed while
// blocked, and a child under -f.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  close(100);
  int fd = open("status", O_CREAT | O_WRONLY, 0600);
  write(fd, "ok", 2);
  open("no/such", O_RDONLY);
  access("status", F_OK);
  access("nope", F_OK);
  unlink("status");
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGCHLD);
  sigaddset(&s, SIGTERM);
  sigprocmask(SIG_BLOCK, &s, 0);
  pid_t pid = fork();
  if (pid == 0) {
    sigset_t none;
    sigemptyset(&none);
    close(200);
    sigsuspend(&none);
    _exit(0);
  }
  kill(pid, SIGTERM);
  waitpid(pid, 0, 0);
  return 1;
}
