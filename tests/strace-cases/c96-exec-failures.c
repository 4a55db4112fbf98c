// strace-diff:
// strace-diff: -e trace=execve,execveat -v
// strace-diff: -e trace=execve,execveat -s 5
// execve and execveat that fail: a missing program, a directory, a file
// without execute permission, execveat with AT_EMPTY_PATH on a non-exec
// descriptor, AT_SYMLINK_NOFOLLOW on a symlink, bad flags, NULL argv and
// envp, and vectors longer than the array limit.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  char *argv[] = {"prog", "one", "two", 0};
  char *envp[] = {"K=V", 0};
  syscall(SYS_execve, "/nonexistent/prog", argv, envp);
  syscall(SYS_execve, "/", argv, envp);
  int f = open("noexec", O_CREAT | O_WRONLY, 0644);
  close(f);
  syscall(SYS_execve, "./noexec", argv, 0);
  syscall(SYS_execve, "./noexec", 0, envp);
  f = open("noexec", O_RDONLY);
  syscall(SYS_execveat, f, "", argv, envp, AT_EMPTY_PATH);
  symlink("noexec", "link");
  syscall(SYS_execveat, AT_FDCWD, "link", argv, envp, AT_SYMLINK_NOFOLLOW);
  syscall(SYS_execveat, AT_FDCWD, "link", argv, envp, 0x4);
  char *many[40];
  for (int i = 0; i < 39; i++) many[i] = "argument";
  many[39] = 0;
  syscall(SYS_execve, "/nonexistent/prog", many, many);
  return 0;
}
