// strace-diff:
// strace-diff: -e trace=%file
// strace-diff: -e trace=rename,renameat,renameat2 -e status=failed
// strace-diff-m32:
// mkdir/mkdirat/rmdir (EEXIST, ENOTEMPTY, ENOENT), rename/renameat and
// renameat2 with RENAME_NOREPLACE, RENAME_EXCHANGE and unknown flags.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void touch(const char *p) { close(open(p, O_CREAT | O_WRONLY, 0644)); }

int main(void) {
  mkdir("d1", 0755);
  mkdir("d1", 0755);
  mkdir("d1/d2", 01777);
  mkdirat(AT_FDCWD, "d3", 0);
  mkdir("nope/d", 0755);
  rmdir("d1");
  touch("a");
  touch("b");
  rename("a", "c");
  rename("a", "c");
  renameat(AT_FDCWD, "c", AT_FDCWD, "d1/c");
  renameat2(AT_FDCWD, "b", AT_FDCWD, "d1/c", RENAME_NOREPLACE);
  renameat2(AT_FDCWD, "b", AT_FDCWD, "d1/c", RENAME_EXCHANGE);
  renameat2(AT_FDCWD, "b", AT_FDCWD, "e", RENAME_EXCHANGE);
  renameat2(AT_FDCWD, "b", AT_FDCWD, "e", 0x80);
  renameat2(AT_FDCWD, "b", AT_FDCWD, "e", 0);
  rename("d1", "d3");
  rename("d3", "d1/d2/x");
  rename("e", "d1");
  unlink("e");
  unlink("d1/c");
  rmdir("d1/d2");
  rmdir("d1");
  rmdir("d3");
  rmdir(".");
  return 0;
}
