// strace-diff:
// strace-diff: -e trace=io_uring_setup,io_uring_enter,io_uring_register -X raw
// strace-diff: -e trace=io_uring_setup,io_uring_enter,io_uring_register -y
// strace-diff: -e trace=io_uring_setup,io_uring_enter,io_uring_register -X verbose
// io_uring_setup with its params struct (flags, a bad entries count,
// reserved fields), io_uring_enter and io_uring_register on bad
// descriptors with flags, opcodes and sigset sizes.
#define _GNU_SOURCE
#include <linux/io_uring.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  struct io_uring_params p;
  memset(&p, 0, sizeof p);
  syscall(SYS_io_uring_setup, 0, &p);
  p.flags = IORING_SETUP_IOPOLL | IORING_SETUP_CQSIZE;
  p.cq_entries = 0;
  syscall(SYS_io_uring_setup, 4, &p);
  memset(&p, 0, sizeof p);
  p.resv[0] = 1;
  syscall(SYS_io_uring_setup, 4, &p);
  syscall(SYS_io_uring_setup, 4, 0);
  memset(&p, 0, sizeof p);
  p.flags = 0x80000000u;
  syscall(SYS_io_uring_setup, 4, &p);
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  syscall(SYS_io_uring_enter, -1, 1, 1, IORING_ENTER_GETEVENTS, &mask, 8);
  syscall(SYS_io_uring_enter, -1, 0, 0, 0, 0, 0);
  syscall(SYS_io_uring_enter, -1, 0, 0, 0x1000, 0, 0);
  syscall(SYS_io_uring_register, -1, IORING_REGISTER_BUFFERS, 0, 0);
  syscall(SYS_io_uring_register, -1, IORING_UNREGISTER_FILES, 0, 0);
  syscall(SYS_io_uring_register, -1, IORING_REGISTER_PROBE, 0, 0);
  syscall(SYS_io_uring_register, -1, 999, 0, 0);
  return 0;
}
