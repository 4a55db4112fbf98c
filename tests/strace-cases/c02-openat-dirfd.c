// strace-diff:
// strace-diff: -e trace=openat,close,mkdirat,unlinkat,write -y
// strace-diff-m32:
// openat relative to a directory fd, AT_FDCWD, absolute paths that ignore
// the dirfd, a bad dirfd (EBADF), a non-directory dirfd (ENOTDIR), EISDIR,
// and O_TMPFILE (kept out of the -y run: its fd's path holds an inode number).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  mkdir("sub", 0755);
  int dfd = open("sub", O_RDONLY | O_DIRECTORY);
  int fd = openat(dfd, "inner", O_CREAT | O_RDWR | O_TRUNC, 0644);
  write(fd, "x", 1);
  close(fd);
  fd = openat(dfd, "/dev/null", O_WRONLY);
  close(fd);
  fd = openat(AT_FDCWD, "sub/inner", O_RDONLY);
  openat(fd, "x", O_RDONLY);
  openat(77, "x", O_RDONLY);
  openat(-1, "x", O_RDONLY);
  openat(dfd, "..", O_WRONLY);
  openat(dfd, "../sub/./inner", O_RDONLY | O_NOFOLLOW);
  close(fd);
  mkdirat(dfd, "deeper", 0700);
  unlinkat(dfd, "deeper", AT_REMOVEDIR);
  unlinkat(dfd, "inner", 0);
  close(dfd);
  unlinkat(AT_FDCWD, "sub", AT_REMOVEDIR);
  /* legacy open + pwrite64 and no close: outside the -y run's filter */
  fd = syscall(SYS_open, ".", O_TMPFILE | O_WRONLY, 0600);
  pwrite(fd, "anon", 4, 0);
  return 0;
}
