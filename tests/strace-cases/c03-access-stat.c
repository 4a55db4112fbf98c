// strace-diff:
// strace-diff: -e trace=%stat
// strace-diff: -e trace=%lstat,%fstat,access,faccessat,faccessat2
// strace-diff: -e trace=%%stat
// access/faccessat/faccessat2 modes and flags, stat/lstat/fstat/newfstatat
// (AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH), legacy stat syscalls, statx, and
// the abbreviated struct stat of files, directories, links and devices.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  umask(022);
  int fd = open("file", O_CREAT | O_WRONLY, 0640);
  write(fd, "12345", 5);
  symlink("file", "link");
  symlink("nowhere", "dangling");
  mkdir("dir", 0711);

  access("file", F_OK);
  access("file", R_OK | W_OK);
  access("file", X_OK);
  access("nowhere", F_OK);
  faccessat(AT_FDCWD, "dir", R_OK | X_OK, 0);
  faccessat(AT_FDCWD, "link", F_OK, AT_SYMLINK_NOFOLLOW);
  faccessat(AT_FDCWD, "file", W_OK, AT_EACCESS);
  syscall(SYS_faccessat2, AT_FDCWD, "file", R_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW);
  syscall(SYS_faccessat2, AT_FDCWD, "file", R_OK, 0x4000);
  syscall(SYS_access, "file", 0x10);

  struct stat st;
  stat("file", &st);
  stat("link", &st);
  lstat("link", &st);
  lstat("dangling", &st);
  stat("dangling", &st);
  stat("dir", &st);
  stat("/dev/null", &st);
  fstat(fd, &st);
  fstat(0, &st);
  fstat(1, &st);
  fstatat(AT_FDCWD, "link", &st, AT_SYMLINK_NOFOLLOW);
  fstatat(fd, "", &st, AT_EMPTY_PATH);
  fstatat(AT_FDCWD, "file", &st, 0x1000);
  syscall(SYS_stat, "dir", &st);
  syscall(SYS_lstat, "link", &st);
  syscall(SYS_fstat, fd, &st);
  syscall(SYS_newfstatat, AT_FDCWD, "dir/x", &st, 0);

  struct statx sx;
  statx(AT_FDCWD, "file", 0, STATX_TYPE | STATX_MODE | STATX_SIZE, &sx);
  statx(AT_FDCWD, "missing", AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &sx);

  close(fd);
  unlink("dangling");
  unlink("link");
  unlink("file");
  rmdir("dir");
  return 0;
}
