// strace-diff:
// strace-diff: -e trace=set_tid_address,rt_sigqueueinfo,rt_tgsigqueueinfo,rt_sigtimedwait,rt_sigpending,rt_sigsuspend,tgkill,tkill
// strace-diff: -X raw -e trace=set_tid_address,rt_sigqueueinfo,rt_tgsigqueueinfo,rt_sigtimedwait,rt_sigpending
// rt_sigqueueinfo/rt_tgsigqueueinfo with our own siginfo (SI_QUEUE and a
// value, SI_USER, a made-up code), rt_sigpending, rt_sigtimedwait taking
// queued signals with and without a siginfo buffer, an empty wait with a
// timeout (EAGAIN), a bad sigset size, tgkill/tkill of a blocked signal.
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  pid_t me = getpid();
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  sigaddset(&mask, SIGUSR2);
  sigaddset(&mask, SIGRTMIN + 1);
  sigprocmask(SIG_BLOCK, &mask, 0);
  siginfo_t si;
  memset(&si, 0, sizeof si);
  si.si_signo = SIGUSR1;
  si.si_code = SI_QUEUE;
  si.si_pid = 4321;
  si.si_uid = 1000;
  si.si_value.sival_int = 42;
  syscall(SYS_rt_sigqueueinfo, me, SIGUSR1, &si);
  memset(&si, 0, sizeof si);
  si.si_signo = SIGRTMIN + 1;
  si.si_code = -42;
  si.si_pid = 7;
  si.si_uid = 8;
  si.si_value.sival_ptr = (void *)0xdeadbeef;
  syscall(SYS_rt_tgsigqueueinfo, me, me, SIGRTMIN + 1, &si);
  sigset_t pending;
  syscall(SYS_rt_sigpending, &pending, 8);
  siginfo_t got;
  struct timespec ts = {0, 1000000};
  syscall(SYS_rt_sigtimedwait, &mask, &got, &ts, 8);
  syscall(SYS_rt_sigtimedwait, &mask, &got, &ts, 8);
  syscall(SYS_tgkill, me, me, SIGUSR2);
  syscall(SYS_rt_sigtimedwait, &mask, 0, 0, 8);
  struct timespec zero = {0, 0};
  syscall(SYS_rt_sigtimedwait, &mask, &got, &zero, 8);
  syscall(SYS_rt_sigtimedwait, &mask, &got, &zero, 4);
  syscall(SYS_rt_sigqueueinfo, me, SIGUSR1, (void *)1);
  syscall(SYS_tkill, -1, SIGUSR2);
  syscall(SYS_rt_sigpending, &pending, 8);
  return 0;
}
