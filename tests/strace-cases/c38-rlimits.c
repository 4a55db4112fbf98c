// strace-diff:
// strace-diff: -e trace=set_tid_address,prlimit64,getrlimit,setrlimit,getrusage,getpriority,setpriority
// strace-diff: -e trace=set_tid_address,getrusage,prlimit64 -v
// Resource limits: the limits the tracee inherits from the tracer (a tracer
// that raises its own RLIMIT_NOFILE must restore it for the child),
// RLIM_INFINITY and the `N*1024` form, setrlimit lowering a soft limit,
// raw getrlimit/setrlimit syscalls, prlimit64 on our own pid and on a
// missing one (ESRCH), bad resources (EINVAL), getrusage of children
// (all zero) and its errors, getpriority/setpriority.
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  struct rlimit rl;
  for (int r = 0; r < RLIM_NLIMITS; r++) getrlimit(r, &rl);
  getrlimit(RLIMIT_NOFILE, &rl);
  rl.rlim_cur = 64;
  setrlimit(RLIMIT_NOFILE, &rl);
  struct rlimit fsz = {1 << 20, RLIM_INFINITY};
  setrlimit(RLIMIT_FSIZE, &fsz);
  syscall(SYS_getrlimit, RLIMIT_FSIZE, &rl);
  syscall(SYS_setrlimit, RLIMIT_FSIZE, &rl);
  struct rlimit64 nw = {12288, 12288}, old;
  prlimit64(getpid(), RLIMIT_STACK, 0, &old);
  prlimit64(0, RLIMIT_MEMLOCK, &nw, &old);
  prlimit64(999999, RLIMIT_STACK, 0, &old);
  syscall(SYS_prlimit64, 0, 99, 0, &old);
  struct rlimit inverted = {100, 10};
  setrlimit(RLIMIT_NOFILE, &inverted);
  struct rusage ru;
  getrusage(RUSAGE_CHILDREN, &ru);
  getrusage(42, &ru);
  getrusage(RUSAGE_SELF, (struct rusage *)1);
  getpriority(PRIO_PROCESS, 0);
  setpriority(PRIO_PROCESS, 0, 5);
  getpriority(PRIO_PROCESS, 0);
  setpriority(PRIO_USER, 999999, 0);
  getpriority(7, 0);
  return 0;
}
