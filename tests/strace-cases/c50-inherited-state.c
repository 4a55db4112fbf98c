// strace-diff:
// strace-diff: -e trace=fcntl,rt_sigprocmask,rt_sigaction,umask,personality,getpriority,prlimit64,prctl
// What the tracee inherits from the tracer must be what strace gives it:
// open descriptors (F_GETFD on 0..19: only 0-2 may be open, a leaked
// tracer fd shows up here), the signal mask and ignored signals (a tracer
// runtime that blocks or ignores signals must undo that before exec), the
// umask, the personality (ADDR_NO_RANDOMIZE from setarch -R), the nice
// value, RLIMIT_NOFILE/RLIMIT_STACK, dumpable, no_new_privs, pdeathsig.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
  for (int fd = 0; fd < 20; fd++) fcntl(fd, F_GETFD);
  sigset_t old;
  sigprocmask(SIG_BLOCK, 0, &old);
  struct sigaction sa;
  for (int s = 1; s <= 64; s++)
    if (s != SIGKILL && s != SIGSTOP && (s < 32 || s > 34)) sigaction(s, 0, &sa);
  mode_t m = umask(0);
  umask(m);
  personality(0xffffffff);
  getpriority(PRIO_PROCESS, 0);
  struct rlimit rl;
  getrlimit(RLIMIT_NOFILE, &rl);
  getrlimit(RLIMIT_STACK, &rl);
  getrlimit(RLIMIT_CORE, &rl);
  prctl(PR_GET_DUMPABLE);
  prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
  int sig;
  prctl(PR_GET_PDEATHSIG, &sig);
  prctl(PR_GET_CHILD_SUBREAPER, &sig);
  return 0;
}
