// strace-diff:
// strace-diff: -e trace=utimensat,futimesat,utimes,utime -X raw
// strace-diff: -e trace=utimensat,futimesat,utimes,utime -X verbose
// Setting times with fixed values: utimensat (UTIME_NOW, UTIME_OMIT,
// AT_SYMLINK_NOFOLLOW, NULL times, an fd with NULL path), futimesat,
// utimes, utime and failures (EINVAL nanoseconds, ENOENT, EFAULT).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>

int main(void) {
  int fd = open("stamped", O_CREAT | O_RDWR, 0644);
  struct timespec ts[2] = {{1000000000, 123456789}, {1234567890, 0}};
  syscall(SYS_utimensat, AT_FDCWD, "stamped", ts, 0);
  struct timespec special[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
  syscall(SYS_utimensat, AT_FDCWD, "stamped", special, AT_SYMLINK_NOFOLLOW);
  syscall(SYS_utimensat, fd, 0, ts, 0);
  struct timespec bad[2] = {{1, 1000000000}, {2, -1}};
  syscall(SYS_utimensat, AT_FDCWD, "stamped", bad, 0);
  syscall(SYS_utimensat, AT_FDCWD, "missing", ts, 0);
  syscall(SYS_utimensat, AT_FDCWD, "stamped", (void *)1, 0);
  syscall(SYS_utimensat, AT_FDCWD, "stamped", ts, 0x1000);
  struct timeval tv[2] = {{1500000000, 5}, {1600000000, 999999}};
  syscall(SYS_futimesat, AT_FDCWD, "stamped", tv);
  syscall(SYS_futimesat, fd, 0, tv);
  syscall(SYS_utimes, "stamped", tv);
  syscall(SYS_utimes, "missing", 0);
  struct utimbuf ub = {1700000000, 1700000001};
  syscall(SYS_utime, "stamped", &ub);
  syscall(SYS_utime, "stamped", 0);
  return 0;
}
