// strace-diff: -e trace=set_tid_address,getpid@32
// strace-diff: -e trace=set_tid_address,getpid@64,getuid@32
// strace-diff: -e trace=set_tid_address,/^get(pid|uid)$@32
// strace-diff: -e trace=set_tid_address,getpid -e quiet=none
// strace-diff: -e trace=set_tid_address,getpid,getuid -e quiet=!personality
// strace-diff: -e trace=set_tid_address,getpid,getuid,exit_group -e quiet=none
// strace-diff: -e trace=set_tid_address,getpid -e quiet=attach,exit
// strace-diff-m32: -e trace=set_tid_address,getpid@32
// i386 syscalls through int 0x80 from a 64-bit program: trace= elements for
// one personality (NAME@32, NAME@64, /REGEX@32), and the "[ Process PID=N
// runs in 32 bit mode. ]" notices, shown once quiet= no longer holds
// personality (strace hides them by default when tracing a command into -o).
// set_tid_address in every set lets the normaliser learn the pid.
#include <unistd.h>

static long int80(long nr) {
  long r;
  __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr) : "memory");
  return r;
}

int main(void) {
  int80(20);  /* i386 getpid */
  getpid();
  int80(24);  /* i386 getuid */
  getuid();
  int80(20);
  return 0;
}
