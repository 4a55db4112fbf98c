// strace-diff:
// strace-diff: -e trace=set_tid_address,signalfd4,signalfd,sigaltstack,rt_sigprocmask,read,kill,rt_sigtimedwait -X raw
// strace-diff: -e trace=signalfd4,sigaltstack,read -yy
// signalfd4 with masks and flags (and a bad mask size), a signal read
// through the descriptor (the read is shown up to its siginfo's constant
// part: a short read fails and the signal is taken by rt_sigtimedwait,
// since the descriptor's record holds our pid), sigaltstack install, query, disable,
// too small a stack (ENOMEM) and bad flags.
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  sigaddset(&mask, SIGTERM);
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, 0, 8);
  int fd = syscall(SYS_signalfd4, -1, &mask, 8, SFD_CLOEXEC | SFD_NONBLOCK);
  syscall(SYS_signalfd4, fd, &mask, 8, 0);
  syscall(SYS_signalfd4, -1, &mask, 4, 0);
  syscall(SYS_signalfd4, -1, &mask, 8, 0x1);
  syscall(SYS_signalfd, -1, &mask, 8);
  syscall(SYS_kill, getpid(), SIGUSR1);
  char buf[12];
  read(fd, buf, sizeof buf);
  siginfo_t si;
  syscall(SYS_rt_sigtimedwait, &mask, &si, 0, 8);
  static char stack[65536];
  stack_t ss = {.ss_sp = stack, .ss_flags = 0, .ss_size = sizeof stack}, old;
  syscall(SYS_sigaltstack, &ss, 0);
  syscall(SYS_sigaltstack, 0, &old);
  stack_t autodis = {.ss_sp = stack, .ss_flags = (int)(1u << 31), .ss_size = sizeof stack};
  syscall(SYS_sigaltstack, &autodis, &old);
  stack_t small = {.ss_sp = stack, .ss_flags = 0, .ss_size = 100};
  syscall(SYS_sigaltstack, &small, 0);
  stack_t badflags = {.ss_sp = stack, .ss_flags = 0x10, .ss_size = sizeof stack};
  syscall(SYS_sigaltstack, &badflags, 0);
  stack_t off = {.ss_flags = SS_DISABLE};
  syscall(SYS_sigaltstack, &off, &old);
  syscall(SYS_sigaltstack, 0, &old);
  syscall(SYS_sigaltstack, (void *)1, 0);
  return 0;
}
