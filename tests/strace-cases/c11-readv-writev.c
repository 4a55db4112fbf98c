// strace-diff:
// strace-diff: -e trace=readv,writev,preadv,pwritev,preadv2,pwritev2
// strace-diff: -e trace=readv,writev,preadv,pwritev,preadv2,pwritev2 -s 4
// strace-diff: -e trace=writev,readv -x
// strace-diff-m32:
// readv/writev with several iovecs, an empty one, partial reads (the
// iovecs past the returned size), preadv/pwritev, preadv2/pwritev2 flags,
// EFAULT/EINVAL iovecs (the EINVAL array is printed up to -s elements).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
  int fd = open("vec", O_CREAT | O_RDWR | O_TRUNC, 0644);
  struct iovec w[4] = {
      {"first;", 6}, {"", 0}, {"second\n", 7}, {"\x01\xff\x00third", 8}};
  writev(fd, w, 4);
  writev(1, w, 3);
  lseek(fd, 0, SEEK_SET);
  char a[4], b[10], c[64];
  struct iovec r[3] = {{a, sizeof a}, {b, sizeof b}, {c, sizeof c}};
  readv(fd, r, 3);
  readv(fd, r, 3);
  pwritev(fd, w, 1, 100);
  preadv(fd, r, 2, 2);
  pwritev2(fd, w + 2, 1, -1, RWF_APPEND);
  preadv2(fd, r, 3, 0, RWF_NOWAIT | RWF_HIPRI);
  preadv2(fd, r, 1, 0, 0x100);
  writev(fd, (struct iovec *)1, 2);
  static struct iovec zero[40];
  writev(fd, zero, 1025);  /* EINVAL; strace prints -s N elements then ... */
  writev(99, w, 1);
  writev(fd, w, 0);
  close(fd);
  unlink("vec");
  return 0;
}
