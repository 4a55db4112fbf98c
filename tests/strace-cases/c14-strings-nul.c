// strace-diff: -e trace=read,write,openat,readlink
// strace-diff: -e trace=read,write,openat,readlink -s 4
// strace-diff: -e trace=read,write,openat -s 0 -x
// strace-diff-m32: -e trace=read,write,openat,readlink
// Buffers that hold NULs (read back from a file), strings read by read()
// are printed up to the returned size, NUL-terminated path arguments
// (are paths truncated by -s?), long paths, and a read of 0 bytes.
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  int fd = open("nul-data", O_CREAT | O_RDWR | O_TRUNC, 0644);
  write(fd, "ab\0cd\0\0ef\n", 10);
  lseek(fd, 0, SEEK_SET);
  char buf[64];
  memset(buf, 'Z', sizeof buf);
  read(fd, buf, sizeof buf);
  read(fd, buf, sizeof buf);
  lseek(fd, 0, SEEK_SET);
  read(fd, buf, 3);
  close(fd);
  open("a-path-name-that-is-longer-than-the-default-string-limit-of-32/x", O_RDONLY);
  open("dir/with\ttab and \"quotes\"\n", O_RDONLY);
  open("high\xc3\xa9\x01name", O_RDONLY);
  char lnk[64];
  symlink("target\001with\377bytes", "weird-link");
  readlink("weird-link", lnk, sizeof lnk);
  unlink("weird-link");
  unlink("nul-data");
  char big[300];
  memset(big, 'x', sizeof big);
  big[150] = '\n';
  write(1, big, sizeof big);
  return 0;
}
