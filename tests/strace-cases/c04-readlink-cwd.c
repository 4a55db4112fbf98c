// strace-diff:
// strace-diff: -e trace=readlink,readlinkat,getcwd,chdir,fchdir
// strace-diff: -e trace=getcwd,readlink -s 4
// strace-diff-m32:
// readlink/readlinkat (full, truncated by a short buffer, EINVAL on a
// regular file, ENOENT), getcwd (ERANGE on a short buffer), chdir/fchdir.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  char buf[256];
  close(open("target-file", O_CREAT | O_WRONLY, 0644));
  symlink("target-file", "short");
  symlink("a/rather/long/relative/target/that/goes/on/for/a/while/and/a/bit/more", "long");
  readlink("short", buf, sizeof buf);
  readlink("short", buf, 4);
  readlink("long", buf, sizeof buf);
  readlink("target-file", buf, sizeof buf);
  readlink("missing", buf, sizeof buf);
  readlinkat(AT_FDCWD, "short", buf, sizeof buf);
  int d = open(".", O_RDONLY | O_DIRECTORY);
  readlinkat(d, "long", buf, 10);
  readlinkat(d, "", buf, sizeof buf);
  getcwd(buf, sizeof buf);
  syscall(SYS_getcwd, buf, 3);
  mkdir("sub", 0755);
  chdir("sub");
  getcwd(buf, sizeof buf);
  chdir("../sub/..");
  chdir("target-file");
  chdir("missing");
  fchdir(d);
  fchdir(99);
  getcwd(buf, sizeof buf);
  close(d);
  rmdir("sub");
  unlink("long");
  unlink("short");
  unlink("target-file");
  return 0;
}
