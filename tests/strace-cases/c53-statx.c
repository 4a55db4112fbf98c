// strace-diff:
// strace-diff: -e trace=statx -X raw
// strace-diff: -e trace=statx -X verbose
// statx: masks, AT_* flags, sync types, a missing path, NULL buffer,
// bad flags (EINVAL) and a /dev/null success (its non-verbose fields only).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  struct statx sx;
  syscall(SYS_statx, AT_FDCWD, "missing", 0, STATX_BASIC_STATS, &sx);
  syscall(SYS_statx, AT_FDCWD, "missing", AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT, STATX_TYPE | STATX_MODE, &sx);
  syscall(SYS_statx, AT_FDCWD, "missing", AT_STATX_FORCE_SYNC, STATX_ALL, &sx);
  syscall(SYS_statx, AT_FDCWD, "missing", AT_STATX_DONT_SYNC | AT_EMPTY_PATH, STATX_BTIME | STATX_MNT_ID, &sx);
  syscall(SYS_statx, AT_FDCWD, "x", 0x7000, STATX_BASIC_STATS, &sx);
  syscall(SYS_statx, AT_FDCWD, "/dev/null", 0, 0x80000000u, &sx);
  syscall(SYS_statx, -1, "rel", 0, STATX_SIZE, &sx);
  syscall(SYS_statx, AT_FDCWD, "/dev/null", 0, STATX_SIZE, 0);
  syscall(SYS_statx, AT_FDCWD, 0, 0, STATX_SIZE, &sx);
  return 0;
}
