// strace-diff:
// strace-diff: -f
// strace-diff: -f -e trace=none
// SIGSEGV: a handled fault (SEGV_MAPERR at a fixed address, recovered with
// siglongjmp, which restores the signal mask), a fault on a PROT_NONE page
// (SEGV_ACCERR), and a child that dies of an unhandled SIGSEGV with core
// dumps off (`+++ killed by SIGSEGV +++`), reaped with WTERMSIG after the
// parent settles in poll(NULL, 0, 100) (so wait4 does not race the child).
#define _GNU_SOURCE
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf env;
static void on_segv(int sig, siginfo_t *si, void *uc) {
  (void)sig; (void)si; (void)uc;
  siglongjmp(env, 1);
}

int main(void) {
  struct rlimit rl = {0, 0};
  setrlimit(RLIMIT_CORE, &rl);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, 0);
  if (sigsetjmp(env, 1) == 0) *(volatile int *)16 = 1;
  char *p = mmap((void *)0x10000000, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  if (sigsetjmp(env, 1) == 0) (void)*(volatile char *)(p + 8);
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, 0);
  signal(SIGSEGV, SIG_DFL);
  pid_t pid = fork();
  if (pid == 0) {
    *(volatile int *)p = 2;
    _exit(0);
  }
  poll(0, 0, 100);
  int st;
  waitpid(pid, &st, 0);
  return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}
