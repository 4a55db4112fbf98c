// strace-diff:
// strace-diff: -e trace=rt_sigaction,sigaltstack
// strace-diff: -e trace=%signal -e status=failed
// strace-diff-m32:
// sigaction decoding: handlers vs SIG_IGN/SIG_DFL, sa_mask sets, flags
// SA_RESTART, SA_SIGINFO, SA_NODEFER, SA_RESETHAND, SA_ONSTACK,
// SA_NOCLDSTOP, SA_NOCLDWAIT, the old action, EINVAL for SIGKILL/SIGSTOP
// and bad signal numbers, signal()/sigset wrappers, sigaltstack. The
// initial dispositions (inherited from the tracer!) are queried first.
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void h(int sig) { (void)sig; }
static void hi(int sig, siginfo_t *si, void *uc) { (void)sig; (void)si; (void)uc; }

int main(void) {
  struct sigaction sa, old;
  for (int s = 1; s < 32; s++)
    if (s != SIGKILL && s != SIGSTOP) sigaction(s, 0, &old);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = h;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGUSR1, &sa, &old);
  sa.sa_sigaction = hi;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_RESETHAND;
  sigaddset(&sa.sa_mask, SIGINT);
  sigaddset(&sa.sa_mask, SIGRTMIN + 3);
  sigaction(SIGUSR2, &sa, &old);
  sigaction(SIGUSR2, 0, &old);
  sigfillset(&sa.sa_mask);
  sa.sa_handler = SIG_IGN;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGHUP, &sa, &old);
  sa.sa_handler = SIG_DFL;
  sa.sa_flags = SA_NOCLDSTOP | SA_NOCLDWAIT;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGCHLD, &sa, &old);
  sigaction(SIGKILL, &sa, 0);
  sigaction(SIGSTOP, 0, &old);
  syscall(SYS_rt_sigaction, 65, 0, &old, 8);
  syscall(SYS_rt_sigaction, SIGUSR1, 0, &old, 4);
  sigaction(SIGRTMIN + 1, &sa, 0);
  sigaction(SIGRTMAX, 0, &old);
  signal(SIGPIPE, SIG_IGN);
  signal(SIGALRM, h);
  sigset(SIGTERM, SIG_DFL);
  stack_t ss = {.ss_sp = malloc(SIGSTKSZ), .ss_flags = 0, .ss_size = SIGSTKSZ}, os;
  sigaltstack(0, &os);
  sigaltstack(&ss, &os);
  sigaltstack(0, &os);
  ss.ss_flags = SS_DISABLE;
  sigaltstack(&ss, 0);
  ss.ss_size = 16;
  ss.ss_flags = 0;
  sigaltstack(&ss, 0);
  return 0;
}
