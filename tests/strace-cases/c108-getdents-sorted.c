// strace-diff: -e trace=getdents64,getdents -v
// strace-diff: -e trace=getdents64 -s 2
// getdents64 on a directory holding one entry besides . and .. (so the
// order cannot change), with a buffer too small for one entry (EINVAL),
// a bad descriptor, a regular file (ENOTDIR), and the end of the list.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  mkdir("d", 0755);
  close(open("d/only-entry", O_CREAT | O_WRONLY, 0600));
  int d = open("d", O_RDONLY | O_DIRECTORY);
  char small[8];
  syscall(SYS_getdents64, d, small, sizeof small);
  char buf[1024];
  syscall(SYS_getdents64, d, buf, sizeof buf);
  syscall(SYS_getdents64, d, buf, sizeof buf);
  syscall(SYS_getdents64, -1, buf, sizeof buf);
  int f = open("d/only-entry", O_RDONLY);
  syscall(SYS_getdents64, f, buf, sizeof buf);
  return 0;
}
