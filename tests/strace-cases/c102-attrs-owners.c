// strace-diff:
// strace-diff: -e trace=%file,fchmod,fchown,ftruncate,fallocate -X raw
// Ownership and modes: chmod/fchmod/fchmodat with special bits, chown,
// lchown, fchown, fchownat with -1 and AT_EMPTY_PATH, truncate/ftruncate
// to fixed sizes, negative sizes (EINVAL), umask around a creat.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  int f = syscall(SYS_creat, "owned", 0600);
  syscall(SYS_chmod, "owned", 06755);
  syscall(SYS_fchmod, f, 01777);
  syscall(SYS_fchmodat, AT_FDCWD, "owned", 0);
  syscall(SYS_chmod, "owned", 0170000 | 0644);
  syscall(SYS_chown, "owned", 0, 0);
  syscall(SYS_lchown, "owned", -1, 65534);
  syscall(SYS_fchown, f, 1000, -1);
  syscall(SYS_fchownat, f, "", 0, 0, AT_EMPTY_PATH);
  syscall(SYS_fchownat, AT_FDCWD, "owned", 2, 2, 0x1);
  syscall(SYS_truncate, "owned", 4096);
  syscall(SYS_ftruncate, f, 0);
  syscall(SYS_truncate, "owned", -1);
  syscall(SYS_ftruncate, -1, 10);
  syscall(SYS_umask, 077);
  syscall(SYS_creat, "masked", 0666);
  syscall(SYS_umask, 022);
  return 0;
}
