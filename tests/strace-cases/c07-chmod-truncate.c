// strace-diff:
// strace-diff: -e trace=chmod,fchmod,fchmodat,truncate,ftruncate,umask,chown,fchown,fchownat,lchown
// strace-diff: -e trace=%desc -y
// strace-diff-m32:
// chmod/fchmod/fchmodat modes incl. setuid/sticky bits, chown family with
// -1 ids, truncate/ftruncate (grow, shrink, EINVAL, EBADF, EISDIR), umask.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  mode_t old = umask(077);
  umask(old);
  int fd = open("f", O_CREAT | O_RDWR, 0600);
  chmod("f", 0644);
  chmod("f", 04755);
  chmod("f", 02711 | S_ISVTX);
  chmod("missing", 0644);
  fchmod(fd, 0400);
  fchmod(99, 0400);
  fchmodat(AT_FDCWD, "f", 0640, 0);
  syscall(SYS_fchmodat, AT_FDCWD, "f", 0100644);
  chown("f", -1, -1);
  fchown(fd, getuid(), -1);
  lchown("f", -1, getgid());
  fchownat(AT_FDCWD, "f", -1, -1, AT_SYMLINK_NOFOLLOW);
  ftruncate(fd, 4096);
  ftruncate(fd, 10);
  ftruncate(fd, -1);
  truncate("f", 1 << 20);
  truncate("f", 0);
  truncate("missing", 0);
  truncate(".", 0);
  int ro = open("f", O_RDONLY);
  ftruncate(ro, 1);
  ftruncate(77, 1);
  close(ro);
  close(fd);
  unlink("f");
  return 0;
}
