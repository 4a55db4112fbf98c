// strace-diff:
// strace-diff: -e trace=openat2 -X raw
// strace-diff: -e trace=openat2 -X verbose
// openat2 with its open_how struct: flags, mode, resolve flags, a size
// larger than the struct (E2BIG with extra nonzero bytes), a too small
// size, NULL (EFAULT) and unknown resolve bits.
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  struct open_how how = {.flags = O_RDONLY | O_CLOEXEC, .mode = 0, .resolve = RESOLVE_NO_SYMLINKS};
  syscall(SYS_openat2, AT_FDCWD, "/dev/null", &how, sizeof how);
  struct open_how create = {.flags = O_WRONLY | O_CREAT | O_TRUNC, .mode = 0640,
                            .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV};
  syscall(SYS_openat2, AT_FDCWD, "made", &create, sizeof create);
  struct open_how bad = {.flags = O_RDONLY, .resolve = 0x80};
  syscall(SYS_openat2, AT_FDCWD, ".", &bad, sizeof bad);
  struct open_how cached = {.flags = O_RDONLY | O_DIRECTORY, .resolve = RESOLVE_CACHED | RESOLVE_IN_ROOT};
  syscall(SYS_openat2, AT_FDCWD, ".", &cached, sizeof cached);
  syscall(SYS_openat2, AT_FDCWD, "x", &how, 8);
  syscall(SYS_openat2, AT_FDCWD, "x", 0, sizeof how);
  syscall(SYS_openat2, -1, "x", &how, sizeof how);
  struct { struct open_how h; unsigned long extra; } big;
  memset(&big, 0, sizeof big);
  big.h.flags = O_RDONLY;
  big.extra = 0x1234;
  syscall(SYS_openat2, AT_FDCWD, ".", &big, sizeof big);
  big.extra = 0;
  syscall(SYS_openat2, AT_FDCWD, "/", &big, sizeof big);
  return 0;
}
