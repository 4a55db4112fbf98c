// strace-diff:
// strace-diff: -e trace=%file
// strace-diff: -e trace=open,openat,creat,close -y
// strace-diff-m32:
// open/openat/creat flag and mode decoding: O_CREAT with several modes,
// O_APPEND, O_EXCL (EEXIST), O_DIRECTORY (ENOTDIR), O_NOFOLLOW (ELOOP),
// O_PATH, O_NONBLOCK, O_SYNC, O_DSYNC, O_NOCTTY and raw flags.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  umask(022);
  int fd = open("f0600", O_CREAT | O_WRONLY | O_TRUNC, 0600);
  close(fd);
  fd = open("f0755", O_CREAT | O_RDWR, 0755);
  close(fd);
  fd = open("f4755", O_CREAT | O_WRONLY, 04755 | S_ISVTX);
  close(fd);
  fd = open("f0000", O_CREAT | O_RDONLY, 0);
  close(fd);
  fd = open("f0600", O_WRONLY | O_APPEND | O_CLOEXEC);
  write(fd, "appended\n", 9);
  close(fd);
  open("f0600", O_CREAT | O_EXCL | O_WRONLY, 0644);
  open("f0600", O_RDONLY | O_DIRECTORY);
  fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  close(fd);
  symlink("f0600", "lnk");
  open("lnk", O_RDONLY | O_NOFOLLOW);
  fd = open("lnk", O_PATH | O_NOFOLLOW);
  close(fd);
  fd = open("f0755", O_RDWR | O_NONBLOCK | O_NOCTTY | O_SYNC);
  close(fd);
  fd = open("f0755", O_WRONLY | O_DSYNC | O_NOATIME);
  close(fd);
  fd = syscall(SYS_open, "f0755", O_RDONLY | 0100000 /* O_LARGEFILE */);
  close(fd);
  fd = syscall(SYS_open, "fnew", O_WRONLY | O_CREAT | O_EXCL, 0640);
  close(fd);
  fd = syscall(SYS_creat, "fcreat", 0644);
  close(fd);
  syscall(SYS_open, "f0755", O_RDONLY | 0x40000000);
  syscall(SYS_openat, -100, "f0755", O_ACCMODE);
  open("", O_RDONLY);
  open("missing/dir/file", O_WRONLY | O_CREAT, 0644);
  unlink("lnk");
  unlink("fcreat");
  unlink("fnew");
  unlink("f0000");
  unlink("f4755");
  unlink("f0755");
  unlink("f0600");
  return 0;
}
