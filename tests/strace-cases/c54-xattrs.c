// strace-diff:
// strace-diff: -s 4
// strace-diff: -e trace=%file -X raw
// Extended attributes on a file of the work dir: set (XATTR_CREATE,
// XATTR_REPLACE), get into a buffer and with size 0, list, remove, the
// f* and l* variants, and failures (ENODATA, EEXIST, ERANGE, bad flags).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

int main(void) {
  int fd = open("attrs", O_CREAT | O_RDWR, 0644);
  char buf[64];
  syscall(SYS_setxattr, "attrs", "user.first", "value-one", 9, XATTR_CREATE);
  syscall(SYS_setxattr, "attrs", "user.first", "value-one", 9, XATTR_CREATE);
  syscall(SYS_setxattr, "attrs", "user.first", "v2", 2, XATTR_REPLACE);
  syscall(SYS_setxattr, "attrs", "user.none", "v", 1, XATTR_REPLACE);
  syscall(SYS_setxattr, "attrs", "user.bad", "v", 1, 4);
  syscall(SYS_fsetxattr, fd, "user.second", "binary\1\2\3", 9, 0);
  syscall(SYS_lsetxattr, "attrs", "user.third", "", 0, 0);
  syscall(SYS_getxattr, "attrs", "user.first", buf, sizeof buf);
  syscall(SYS_getxattr, "attrs", "user.first", buf, 0);
  syscall(SYS_getxattr, "attrs", "user.second", buf, 2);
  syscall(SYS_fgetxattr, fd, "user.second", buf, sizeof buf);
  syscall(SYS_lgetxattr, "attrs", "user.missing", buf, sizeof buf);
  syscall(SYS_listxattr, "attrs", buf, sizeof buf);
  syscall(SYS_listxattr, "attrs", 0, 0);
  syscall(SYS_flistxattr, fd, buf, 3);
  syscall(SYS_llistxattr, "attrs", buf, sizeof buf);
  syscall(SYS_removexattr, "attrs", "user.first");
  syscall(SYS_fremovexattr, fd, "user.first");
  syscall(SYS_lremovexattr, "attrs", "user.third");
  syscall(SYS_getxattr, "missing-file", "user.x", buf, sizeof buf);
  syscall(SYS_getxattr, "attrs", (void *)1, buf, sizeof buf);
  return 0;
}
