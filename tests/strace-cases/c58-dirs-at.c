// strace-diff:
// strace-diff: -e trace=%file -X raw
// strace-diff: -e trace=%file -y
// The *at family on a directory fd: mkdirat, mknodat (fifo, regular,
// char device), symlinkat/readlinkat, linkat (AT_SYMLINK_FOLLOW,
// AT_EMPTY_PATH), renameat2 flags, fchmodat, fchownat, faccessat and
// faccessat2 flags, unlinkat with and without AT_REMOVEDIR.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

int main(void) {
  syscall(SYS_mkdirat, AT_FDCWD, "d", 0750);
  int d = open("d", O_RDONLY | O_DIRECTORY);
  syscall(SYS_mknodat, d, "fifo", S_IFIFO | 0600, 0);
  syscall(SYS_mknodat, d, "reg", S_IFREG | 0644, 0);
  syscall(SYS_mknodat, d, "chr", S_IFCHR | 0600, makedev(1, 3));
  syscall(SYS_mknodat, d, "blk", S_IFBLK | 0600, makedev(259, 65537));
  syscall(SYS_symlinkat, "reg", d, "link");
  char buf[16];
  syscall(SYS_readlinkat, d, "link", buf, sizeof buf);
  syscall(SYS_readlinkat, d, "link", buf, 2);
  syscall(SYS_readlinkat, d, "reg", buf, sizeof buf);
  syscall(SYS_linkat, d, "link", d, "hard", AT_SYMLINK_FOLLOW);
  syscall(SYS_linkat, d, "reg", AT_FDCWD, "d/hard2", 0);
  syscall(SYS_linkat, d, "", d, "x", AT_EMPTY_PATH);
  syscall(SYS_renameat2, d, "hard", d, "reg", RENAME_NOREPLACE);
  syscall(SYS_renameat2, d, "hard", d, "reg", RENAME_EXCHANGE);
  syscall(SYS_renameat2, d, "hard", d, "white", RENAME_WHITEOUT);
  syscall(SYS_renameat2, d, "a", d, "b", 0x80);
  syscall(SYS_renameat, d, "hard2", AT_FDCWD, "moved");
  syscall(SYS_fchmodat, d, "reg", 04755);
  syscall(SYS_fchownat, d, "reg", 0, 0, AT_SYMLINK_NOFOLLOW);
  syscall(SYS_fchownat, d, "reg", -1, -1, 0);
  syscall(SYS_faccessat, d, "reg", R_OK | W_OK);
  syscall(SYS_faccessat2, d, "link", X_OK, AT_SYMLINK_NOFOLLOW | AT_EACCESS);
  syscall(SYS_faccessat2, d, "reg", F_OK, 0x1);
  syscall(SYS_unlinkat, d, "link", 0);
  syscall(SYS_unlinkat, AT_FDCWD, "d", AT_REMOVEDIR);
  syscall(SYS_unlinkat, d, "x", 0x8);
  return 0;
}
