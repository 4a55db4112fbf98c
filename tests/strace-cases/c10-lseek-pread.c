// strace-diff:
// strace-diff: -e trace=lseek,pread64,pwrite64,read,write
// strace-diff: -e trace=pread64,pwrite64 -s 3
// strace-diff-m32:
// lseek with every whence (SET/CUR/END/DATA/HOLE, bad whence, negative
// result, ESPIPE on a pipe, ENXIO past the end) and pread64/pwrite64.
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>

int main(void) {
  char buf[32];
  int fd = open("seek", O_CREAT | O_RDWR | O_TRUNC, 0644);
  write(fd, "0123456789abcdef", 16);
  lseek(fd, 0, SEEK_SET);
  lseek(fd, 4, SEEK_CUR);
  read(fd, buf, 4);
  lseek(fd, -2, SEEK_END);
  read(fd, buf, sizeof buf);
  lseek(fd, 0, SEEK_DATA);
  lseek(fd, 0, SEEK_HOLE);
  lseek(fd, 100, SEEK_DATA);
  lseek(fd, 0, 7);
  lseek(fd, -100, SEEK_CUR);
  lseek(fd, 1L << 40, SEEK_SET);
  pwrite(fd, "XY", 2, 3);
  pread(fd, buf, 5, 1);
  pread(fd, buf, 8, 1000);
  pread(fd, buf, 8, -1);
  pwrite(fd, "tail", 4, 20);
  pread(fd, buf, sizeof buf, 0);
  int p[2];
  pipe(p);
  lseek(p[0], 0, SEEK_SET);
  pread(p[0], buf, 1, 0);
  lseek(77, 0, SEEK_SET);
  close(fd);
  unlink("seek");
  return 0;
}
