// strace-diff:
// strace-diff: -e trace=ptrace -X raw
// strace-diff: -e trace=ptrace -X verbose
// ptrace requests on a pid that does not exist (ESRCH) and bad requests:
// strace names each request and decodes the addr/data arguments it knows
// (options, signals, GETREGSET's iovec, PEEKSIGINFO's args, seccomp
// filter index, GET_SYSCALL_INFO's size).
#define _GNU_SOURCE
#include <elf.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
  pid_t nobody = 999999;
  long word;
  syscall(SYS_ptrace, PTRACE_PEEKDATA, nobody, 0x1000, &word);
  syscall(SYS_ptrace, PTRACE_POKEDATA, nobody, 0x1000, 0x42);
  syscall(SYS_ptrace, PTRACE_PEEKUSER, nobody, 8, &word);
  syscall(SYS_ptrace, PTRACE_CONT, nobody, 0, SIGCONT);
  syscall(SYS_ptrace, PTRACE_SYSCALL, nobody, 0, 0);
  syscall(SYS_ptrace, PTRACE_DETACH, nobody, 0, SIGSTOP);
  syscall(SYS_ptrace, PTRACE_SETOPTIONS, nobody, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL);
  syscall(SYS_ptrace, PTRACE_SEIZE, nobody, 0, PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP);
  syscall(SYS_ptrace, PTRACE_INTERRUPT, nobody, 0, 0);
  syscall(SYS_ptrace, PTRACE_LISTEN, nobody, 0, 0);
  syscall(SYS_ptrace, PTRACE_KILL, nobody, 0, 0);
  syscall(SYS_ptrace, PTRACE_ATTACH, nobody, 0, 0);
  unsigned long msg;
  syscall(SYS_ptrace, PTRACE_GETEVENTMSG, nobody, 0, &msg);
  siginfo_t si;
  syscall(SYS_ptrace, PTRACE_GETSIGINFO, nobody, 0, &si);
  char regs[512];
  struct iovec iov = {regs, sizeof regs};
  syscall(SYS_ptrace, PTRACE_GETREGSET, nobody, NT_PRSTATUS, &iov);
  syscall(SYS_ptrace, PTRACE_GETREGSET, nobody, NT_FPREGSET, &iov);
  syscall(SYS_ptrace, PTRACE_GETREGS, nobody, 0, regs);
  struct { unsigned long off; unsigned flags; int nr; } psi = {0, 1, 4};
  syscall(SYS_ptrace, PTRACE_PEEKSIGINFO, nobody, &psi, regs);
  syscall(SYS_ptrace, PTRACE_GET_SYSCALL_INFO, nobody, 88, regs);
  syscall(SYS_ptrace, PTRACE_SECCOMP_GET_FILTER, nobody, 0, 0);
  syscall(SYS_ptrace, PTRACE_GETSIGMASK, nobody, 8, regs);
  syscall(SYS_ptrace, 0x4242, nobody, 1, 2);
  syscall(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0);
  syscall(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0);
  return 0;
}
