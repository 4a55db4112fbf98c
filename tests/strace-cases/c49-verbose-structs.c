// strace-diff: -v -e trace=newfstatat,utimensat,utimes,futimesat
// strace-diff: -e trace=newfstatat,utimensat,utimes,futimesat
// strace-diff: -v -e trace=uname,sigaltstack,getrlimit,prlimit64
// -v (no abbreviation) on structures whose every field is stable between
// two runs: struct stat of /dev/null (device numbers via makedev(), times
// printed with a local-time comment), uname, and the time arguments of
// utimensat/utimes (UTIME_NOW/UTIME_OMIT, explicit dates) without -v.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(void) {
  struct stat st;
  stat("/dev/null", &st);
  fstat(0, &st);
  close(open("stamped", O_CREAT | O_WRONLY, 0644));
  struct timespec ts[2] = {{1000000000, 123456789}, {1234567890, 0}};
  utimensat(AT_FDCWD, "stamped", ts, 0);
  struct timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
  utimensat(AT_FDCWD, "stamped", now, AT_SYMLINK_NOFOLLOW);
  utimensat(AT_FDCWD, "stamped", 0, 0);
  struct timespec bad[2] = {{0, 2000000000}, {0, 0}};
  utimensat(AT_FDCWD, "stamped", bad, 0);
  struct timeval tv[2] = {{86400, 5}, {0, 999999}};
  utimes("stamped", tv);
  syscall(SYS_futimesat, AT_FDCWD, "stamped", tv);
  unlink("stamped");
  struct utsname u;
  uname(&u);
  stack_t ss;
  sigaltstack(0, &ss);
  return 0;
}
