// strace-diff: -f -e trace=clone,wait4,waitid,exit_group,kill -e signal=none
// strace-diff: -f -e trace=clone,wait4,waitid -X raw -e signal=none
// strace-diff: -f -e trace=clone,wait4,waitid -v -e signal=none
// Children that exit with codes, reaped by wait4 (status macros, WNOHANG
// before they exit, rusage NULL) and waitid (P_PID, P_ALL,
// WEXITED|WNOWAIT, its siginfo), with SIGCHLD blocked; each child waits
// on a pipe until told, and the parent settles in poll (outside the trace
// set) before it waits, so that its wait lines are never split.
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t spawn(int code, int sig, int *go) {
  int p[2];
  pipe(p);
  pid_t pid = fork();
  if (pid == 0) {
    char c;
    close(p[1]);
    read(p[0], &c, 1);
    if (sig) raise(sig);
    _exit(code);
  }
  close(p[0]);
  *go = p[1];
  return pid;
}

int main(void) {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigprocmask(SIG_BLOCK, &mask, 0);
  int go;
  pid_t a = spawn(3, 0, &go);
  int status;
  syscall(SYS_wait4, a, &status, WNOHANG, 0);
  write(go, "x", 1);
  poll(0, 0, 100);
  syscall(SYS_wait4, a, &status, 0, 0);
  pid_t b = spawn(7, 0, &go);
  write(go, "x", 1);
  poll(0, 0, 100);
  syscall(SYS_wait4, -1, &status, __WALL, 0);
  pid_t c = spawn(42, 0, &go);
  write(go, "x", 1);
  poll(0, 0, 100);
  siginfo_t si;
  memset(&si, 0, sizeof si);
  syscall(SYS_waitid, P_PID, c, &si, WEXITED | WNOWAIT, 0);
  syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, 0);
  syscall(SYS_waitid, P_ALL, 0, &si, WEXITED | WNOHANG, 0);
  syscall(SYS_wait4, -1, &status, 0, 0);
  syscall(SYS_waitid, 99, 0, &si, WEXITED, 0);
  syscall(SYS_wait4, b, &status, 0x4000000, 0);
  return 0;
}
