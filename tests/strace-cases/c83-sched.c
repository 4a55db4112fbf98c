// strace-diff:
// strace-diff: -e trace=sched_getattr,sched_setattr,sched_setparam,sched_getparam,sched_getscheduler,sched_setscheduler,sched_get_priority_max,sched_get_priority_min -X raw
// strace-diff: -e trace=sched_getattr,sched_setattr,sched_setscheduler,sched_getscheduler -X verbose
// Scheduling attributes: sched_getattr (sizes, flags), sched_setattr with
// SCHED_OTHER and a nice value, SCHED_FLAG_* flags, bad sizes (E2BIG with
// the kernel's size written back); set/getparam, set/getscheduler with
// SCHED_RESET_ON_FORK, priority ranges of each policy, unknown policies.
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

struct sched_attr {
  unsigned int size, sched_policy;
  unsigned long long sched_flags;
  int sched_nice;
  unsigned int sched_priority;
  unsigned long long sched_runtime, sched_deadline, sched_period;
  unsigned int sched_util_min, sched_util_max;
};

int main(void) {
  struct sched_attr a;
  memset(&a, 0, sizeof a);
  syscall(SYS_sched_getattr, 0, &a, sizeof a, 0);
  syscall(SYS_sched_getattr, 0, &a, 8, 0);
  syscall(SYS_sched_getattr, 0, &a, sizeof a, 1);
  syscall(SYS_sched_getattr, 999999, &a, sizeof a, 0);
  memset(&a, 0, sizeof a);
  a.size = sizeof a;
  a.sched_policy = SCHED_OTHER;
  a.sched_nice = 5;
  syscall(SYS_sched_setattr, 0, &a, 0);
  a.sched_policy = SCHED_BATCH;
  a.sched_flags = 0x01 /* SCHED_FLAG_RESET_ON_FORK */;
  a.sched_nice = 0;
  syscall(SYS_sched_setattr, 0, &a, 0);
  a.sched_policy = SCHED_OTHER;
  a.sched_flags = 0;
  syscall(SYS_sched_setattr, 0, &a, 0);
  a.size = 4;
  syscall(SYS_sched_setattr, 0, &a, 0);
  a.size = sizeof a;
  a.sched_policy = 77;
  syscall(SYS_sched_setattr, 0, &a, 0);
  syscall(SYS_sched_setattr, 0, 0, 0);
  struct sched_param p = {0};
  syscall(SYS_sched_getparam, 0, &p);
  syscall(SYS_sched_setparam, 0, &p);
  p.sched_priority = 50;
  syscall(SYS_sched_setparam, 0, &p);
  syscall(SYS_sched_getscheduler, 0);
  p.sched_priority = 0;
  syscall(SYS_sched_setscheduler, 0, SCHED_IDLE, &p);
  syscall(SYS_sched_getscheduler, 0);
  syscall(SYS_sched_setscheduler, 0, SCHED_OTHER | SCHED_RESET_ON_FORK, &p);
  syscall(SYS_sched_getscheduler, 0);
  syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &p);
  syscall(SYS_sched_setscheduler, 0, 42, &p);
  for (int pol = 0; pol <= 7; pol++) {
    syscall(SYS_sched_get_priority_max, pol);
    syscall(SYS_sched_get_priority_min, pol);
  }
  return 0;
}
