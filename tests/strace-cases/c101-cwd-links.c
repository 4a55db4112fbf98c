// strace-diff:
// strace-diff: -y
// strace-diff: -e trace=%file,%desc -s 8
// Working directory and links: mkdir, chdir/fchdir, getcwd, readlink and
// readlinkat of symlinks (relative, absolute, dangling, a loop: ELOOP),
// symlink/symlinkat, rename over a file, rmdir of a non-empty directory,
// and paths through the links with -y.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  char buf[64];
  syscall(SYS_mkdir, "top", 0755);
  syscall(SYS_mkdir, "top/sub", 0700);
  int top = open("top", O_RDONLY | O_DIRECTORY);
  syscall(SYS_chdir, "top/sub");
  syscall(SYS_getcwd, buf, sizeof buf);
  syscall(SYS_fchdir, top);
  syscall(SYS_symlink, "sub", "rel");
  syscall(SYS_symlink, "/dev/null", "abs");
  syscall(SYS_symlink, "nowhere", "dangling");
  syscall(SYS_symlink, "loop1", "loop2");
  syscall(SYS_symlink, "loop2", "loop1");
  syscall(SYS_readlink, "rel", buf, sizeof buf);
  syscall(SYS_readlink, "abs", buf, 4);
  syscall(SYS_readlinkat, top, "dangling", buf, sizeof buf);
  syscall(SYS_readlink, "sub", buf, sizeof buf);
  syscall(SYS_open, "loop1", O_RDONLY);
  int f = open("abs", O_WRONLY);
  write(f, "x", 1);
  syscall(SYS_open, "rel/file", O_CREAT | O_WRONLY, 0600);
  syscall(SYS_rename, "rel/file", "moved");
  syscall(SYS_rmdir, "sub");
  syscall(SYS_unlink, "moved");
  syscall(SYS_rmdir, "sub");
  syscall(SYS_chdir, "/nonexistent");
  syscall(SYS_fchdir, f);
  return 0;
}
