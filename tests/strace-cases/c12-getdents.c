// strace-diff:
// strace-diff: -e trace=getdents64,openat,close
// strace-diff: -e trace=getdents64 -v
// strace-diff-m32:
// getdents64 on a directory with known entries: the abbreviated
// `/* N entries */` form and the full -v form (d_ino is normalised),
// a tiny buffer (EINVAL), a non-directory (ENOTDIR) and EBADF.
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  mkdir("dir", 0755);
  close(open("dir/alpha", O_CREAT | O_WRONLY, 0644));
  mkdir("dir/beta", 0755);
  symlink("alpha", "dir/gamma");
  int fd = open("dir", O_RDONLY | O_DIRECTORY);
  char buf[4096];
  syscall(SYS_getdents64, fd, buf, sizeof buf);
  syscall(SYS_getdents64, fd, buf, sizeof buf);
  lseek(fd, 0, SEEK_SET);
  syscall(SYS_getdents64, fd, buf, 8);
  close(fd);
  fd = open("dir/alpha", O_RDONLY);
  syscall(SYS_getdents64, fd, buf, sizeof buf);
  close(fd);
  syscall(SYS_getdents64, 99, buf, sizeof buf);
  unlink("dir/gamma");
  rmdir("dir/beta");
  unlink("dir/alpha");
  rmdir("dir");
  return 0;
}
