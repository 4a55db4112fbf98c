// strace-diff:
// strace-diff: -e trace=set_tid_address,prctl,arch_prctl,umask,setsid,setpgid,getpgid,sched_yield,sched_getscheduler,getcpu,personality
// prctl options (PR_SET_NAME/PR_GET_NAME, dumpable, no_new_privs,
// pdeathsig, child subreaper, unknown options), arch_prctl, umask,
// setsid/setpgid (the tracee becomes a session leader: the returned ids
// are normalised as the pid, then EPERM), sched_yield, sched_getscheduler, personality.
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <sched.h>
#include <signal.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  char name[32];
  prctl(PR_SET_NAME, "renamed-task");
  prctl(PR_GET_NAME, name);
  prctl(PR_GET_DUMPABLE);
  prctl(PR_SET_DUMPABLE, 0);
  prctl(PR_GET_DUMPABLE);
  prctl(PR_SET_DUMPABLE, 1);
  prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
  int sig = -1;
  prctl(PR_GET_PDEATHSIG, &sig);
  prctl(PR_SET_PDEATHSIG, SIGUSR2);
  prctl(PR_GET_PDEATHSIG, &sig);
  prctl(PR_SET_PDEATHSIG, 0);
  int reaper = -1;
  prctl(PR_GET_CHILD_SUBREAPER, &reaper);
  prctl(PR_GET_TIMERSLACK);
  prctl(PR_GET_KEEPCAPS);
  prctl(9999, 1, 2, 3, 4);
  unsigned long fs;
  syscall(SYS_arch_prctl, ARCH_GET_FS, &fs);
  syscall(SYS_arch_prctl, 0x9999, 0);
  umask(0);
  umask(0777);
  umask(022);
  setsid();
  setsid();
  setpgid(0, 0);
  getpgid(0);
  setpgid(0, 999999);
  sched_yield();
  sched_getscheduler(0);
  personality(0xffffffff);
  return 0;
}
