// strace-diff:
// strace-diff: -Z
// strace-diff: -z
// strace-diff: -e status=failed -e trace=%file
// strace-diff: -e status=successful,failed -e trace=%desc
// strace-diff-m32:
// errno decoding: EBADF, ENOENT, EEXIST, EISDIR (open and read of a
// directory), ENOTDIR, ELOOP, EINVAL, ENAMETOOLONG, ENOTTY, EMFILE (after
// lowering RLIMIT_NOFILE), and the filtering of failed/successful calls
// with -Z, -z and -e status=.
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

int main(void) {
  char buf[8];
  read(42, buf, 1);
  write(42, "x", 1);
  close(-1);
  open("no/such/file", O_RDONLY);
  mkdir(".", 0755);
  open(".", O_WRONLY);
  int fd = open("plain", O_CREAT | O_RDWR, 0644);
  read(open(".", O_RDONLY), buf, 1);
  open("plain/sub", O_RDONLY);
  symlink("loop", "loop");
  open("loop", O_RDONLY);
  lseek(fd, 0, 42);
  char longname[300];
  memset(longname, 'n', sizeof longname - 1);
  longname[sizeof longname - 1] = 0;
  open(longname, O_RDONLY);
  ioctl(fd, TCGETS, buf);
  struct termios t;
  tcgetattr(0, &t);
  struct rlimit rl = {6, 6};
  setrlimit(RLIMIT_NOFILE, &rl);
  open("plain", O_RDONLY);
  open("plain", O_RDONLY);
  unlink("loop");
  unlink("plain");
  close(fd);
  return 0;
}
