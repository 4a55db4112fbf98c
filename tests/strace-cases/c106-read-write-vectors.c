// strace-diff:
// strace-diff: -e trace=preadv,pwritev,preadv2,pwritev2,pread64,pwrite64,readv,writev -s 6
// strace-diff: -e trace=preadv2,pwritev2 -X raw
// Positioned and vectored I/O: pwrite64/pread64 at offsets, pwritev and
// preadv with several iovecs, preadv2/pwritev2 with RWF_* flags (HIPRI,
// DSYNC, SYNC, NOWAIT, APPEND, bad), offset -1 (the current position),
// short reads past the end of the file, and empty vectors.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
  int f = open("vec", O_CREAT | O_RDWR | O_TRUNC, 0600);
  syscall(SYS_pwrite64, f, "0123456789", 10, 100);
  char a[4], b[8];
  syscall(SYS_pread64, f, a, sizeof a, 102);
  syscall(SYS_pread64, f, a, sizeof a, 200);
  struct iovec out[3] = {{"alpha", 5}, {"beta", 4}, {"gamma", 5}};
  syscall(SYS_pwritev, f, out, 3, 0, 0);
  struct iovec in[2] = {{a, sizeof a}, {b, sizeof b}};
  syscall(SYS_preadv, f, in, 2, 0, 0);
  syscall(SYS_preadv, f, in, 2, 108, 0);
  syscall(SYS_pwritev2, f, out, 2, 50, 0, RWF_DSYNC | RWF_HIPRI);
  syscall(SYS_pwritev2, f, out, 1, -1, 0, RWF_SYNC);
  syscall(SYS_pwritev2, f, out, 1, 0, 0, RWF_APPEND);
  syscall(SYS_preadv2, f, in, 2, 0, 0, RWF_NOWAIT);
  syscall(SYS_preadv2, f, in, 2, 0, 0, 0x100);
  syscall(SYS_writev, f, out, 0);
  syscall(SYS_readv, f, in, 0);
  return 0;
}
