// strace-diff:
// strace-diff: -e trace=set_tid_address,getpid,gettid,getppid,getpgrp,getpgid,getsid,setpgid,tgkill,tkill,getpriority,setpriority,ioprio_get,ioprio_set -X raw
// Process ids and priorities: getpid/gettid/getppid/getpgrp, getpgid and
// getsid of ourselves and of missing pids, setpgid errors, get/setpriority
// for PRIO_PROCESS/PGRP/USER with fixed nice values, ioprio_get/set with
// classes and bad values.
#define _GNU_SOURCE
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  pid_t me = syscall(SYS_getpid);
  syscall(SYS_gettid);
  syscall(SYS_getppid);
  syscall(SYS_getpgrp);
  syscall(SYS_getpgid, 0);
  syscall(SYS_getpgid, 999999);
  syscall(SYS_getsid, 999999);
  syscall(SYS_setpgid, 999999, 0);
  syscall(SYS_setpgid, 0, -1);
  syscall(SYS_getpriority, PRIO_PROCESS, 0);
  syscall(SYS_setpriority, PRIO_PROCESS, 0, 5);
  syscall(SYS_getpriority, PRIO_PROCESS, me);
  syscall(SYS_setpriority, PRIO_PROCESS, 0, 0);
  syscall(SYS_getpriority, PRIO_PGRP, 999999);
  syscall(SYS_getpriority, PRIO_USER, 0);
  syscall(SYS_getpriority, 9, 0);
  syscall(SYS_ioprio_get, 1 /* IOPRIO_WHO_PROCESS */, 0);
  syscall(SYS_ioprio_set, 1, 0, (2 << 13) | 4);
  syscall(SYS_ioprio_get, 1, 0);
  syscall(SYS_ioprio_set, 1, 0, (3 << 13));
  syscall(SYS_ioprio_set, 1, 0, (7 << 13) | 1);
  syscall(SYS_ioprio_set, 1, 0, 0);
  syscall(SYS_ioprio_get, 9, 0);
  return 0;
}
