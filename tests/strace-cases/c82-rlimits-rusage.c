// strace-diff:
// strace-diff: -e trace=set_tid_address,prlimit64,getrlimit,setrlimit,getrusage -X raw
// strace-diff: -e trace=set_tid_address,prlimit64,getrlimit,setrlimit,getrusage -v
// prlimit64 on ourselves and on pid 0 (new and old limits together,
// RLIM64_INFINITY, KiB multiples), getrlimit/setrlimit of several
// resources, unknown resources, and getrusage calls that fail (their
// times would differ between runs).
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  pid_t me = getpid();
  struct rlimit64 { unsigned long long cur, max; } nl = {1024, 4096}, old;
  syscall(SYS_prlimit64, me, RLIMIT_NOFILE, &nl, &old);
  syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, 0, &old);
  struct rlimit64 inf = {~0ull, ~0ull};
  syscall(SYS_prlimit64, 0, RLIMIT_CORE, &inf, 0);
  syscall(SYS_prlimit64, 0, RLIMIT_CORE, 0, &old);
  struct rlimit64 odd = {1000, 2048 * 1024};
  syscall(SYS_prlimit64, 0, RLIMIT_STACK, &odd, &old);
  syscall(SYS_prlimit64, 0, 99, 0, &old);
  syscall(SYS_prlimit64, 999999, RLIMIT_CPU, 0, &old);
  syscall(SYS_prlimit64, 0, RLIMIT_AS, (void *)1, 0);
  struct rlimit r;
  syscall(SYS_getrlimit, RLIMIT_MEMLOCK, &r);
  syscall(SYS_getrlimit, RLIMIT_RTTIME, &r);
  syscall(SYS_getrlimit, RLIMIT_NPROC, 0);
  r.rlim_cur = 512;
  r.rlim_max = 4096;
  syscall(SYS_setrlimit, RLIMIT_NOFILE, &r);
  syscall(SYS_setrlimit, RLIMIT_NOFILE, 0);
  syscall(SYS_setrlimit, 42, &r);
  struct rusage ru;
  syscall(SYS_getrusage, 99, &ru);
  syscall(SYS_getrusage, RUSAGE_SELF, 0);
  syscall(SYS_getrusage, RUSAGE_CHILDREN, (void *)1);
  syscall(SYS_getrusage, RUSAGE_THREAD, 0);
  return 0;
}
