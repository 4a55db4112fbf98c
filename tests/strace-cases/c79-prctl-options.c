// strace-diff:
// strace-diff: -e trace=prctl -X raw
// strace-diff: -e trace=prctl -X verbose
// prctl options beyond c46: capabilities (CAPBSET_READ, CAP_AMBIENT),
// securebits, THP, timer slack, speculation control, MCE kill, FP and
// TSC modes, child subreaper, the VMA name, io flusher, memory merge,
// MM fields (failing), and unknown options.
#define _GNU_SOURCE
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN);
  prctl(PR_CAPBSET_READ, 999);
  prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0);
  prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  prctl(PR_CAP_AMBIENT, 99, 0, 0, 0);
  prctl(PR_GET_SECUREBITS);
  prctl(PR_SET_SECUREBITS, 0x2f);
  prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0);
  prctl(PR_SET_TIMERSLACK, 50000);
  prctl(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS, 0, 0, 0);
  prctl(PR_GET_SPECULATION_CTRL, 99, 0, 0, 0);
  prctl(PR_MCE_KILL, PR_MCE_KILL_SET, PR_MCE_KILL_EARLY, 0, 0);
  prctl(PR_MCE_KILL_GET, 0, 0, 0, 0);
  prctl(PR_MCE_KILL, PR_MCE_KILL_CLEAR, 0, 0, 0);
  int mode;
  prctl(PR_GET_FP_MODE);
  prctl(PR_GET_TSC, &mode);
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  prctl(PR_SET_CHILD_SUBREAPER, 0);
  prctl(PR_SET_IO_FLUSHER, 0, 0, 0, 0);
  prctl(PR_GET_IO_FLUSHER, 0, 0, 0, 0);
  prctl(PR_SET_MM, PR_SET_MM_START_CODE, 0x1000, 0, 0);
  prctl(PR_SET_MM, 999, 0, 0, 0);
  prctl(PR_SET_NAME, 0);
  prctl(PR_GET_TID_ADDRESS, 0);
  prctl(PR_TASK_PERF_EVENTS_DISABLE);
  prctl(PR_TASK_PERF_EVENTS_ENABLE);
  prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
  prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
  prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0);
  prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, 0, 0, 0);
  prctl(PR_GET_UNALIGN, &mode);
  prctl(PR_SCHED_CORE, 0, 0, 0, 0);
  prctl(0x41555856 /* PR_SET_MDWE? */ + 1, 0, 0, 0, 0);
  return 0;
}
