// strace-diff:
// strace-diff: -e trace=%stat,%fstat,%lstat,statx -X raw
// stat, lstat, fstat, newfstatat and statx of device nodes and a fifo
// (their modes and st_rdev as makedev), of a symlink with and without
// AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH on a descriptor, and failures.
// Without -v only the stable fields print (no times).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  struct stat st;
  struct statx sx;
  syscall(SYS_stat, "/dev/null", &st);
  syscall(SYS_stat, "/dev/zero", &st);
  syscall(SYS_lstat, "/dev/stdin", &st);
  syscall(SYS_mknodat, AT_FDCWD, "fifo", S_IFIFO | 0600, 0);
  syscall(SYS_stat, "fifo", &st);
  int fd = open("/dev/null", O_RDONLY);
  syscall(SYS_fstat, fd, &st);
  syscall(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH);
  syscall(SYS_symlink, "/dev/null", "lnk");
  syscall(SYS_newfstatat, AT_FDCWD, "lnk", &st, AT_SYMLINK_NOFOLLOW);
  syscall(SYS_newfstatat, AT_FDCWD, "lnk", &st, 0);
  syscall(SYS_statx, AT_FDCWD, "/dev/null", 0, STATX_TYPE | STATX_MODE, &sx);
  syscall(SYS_statx, fd, "", AT_EMPTY_PATH, STATX_TYPE, &sx);
  syscall(SYS_stat, "", &st);
  syscall(SYS_fstat, -1, &st);
  syscall(SYS_newfstatat, AT_FDCWD, "x", &st, 0x4);
  return 0;
}
