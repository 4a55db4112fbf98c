// strace-diff:
// strace-diff: -e status=failed
// EFAULT from bad pointers such as (void*)1: string, buffer, struct and
// array arguments that cannot be read are printed as raw addresses.
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *)1)

int main(void) {
  int p[2];
  pipe(p);
  write(p[1], "data", 4);
  syscall(SYS_openat, AT_FDCWD, BAD, O_RDONLY);
  syscall(SYS_open, BAD, O_RDONLY);
  write(1, BAD, 5);
  read(p[0], BAD, 4);
  syscall(SYS_newfstatat, AT_FDCWD, "/", BAD, 0);
  syscall(SYS_newfstatat, AT_FDCWD, BAD, BAD, 0);
  syscall(SYS_fstat, 0, BAD);
  syscall(SYS_readlink, "/proc/self/exe", BAD, 10);
  syscall(SYS_getcwd, BAD, 100);
  syscall(SYS_uname, BAD);
  syscall(SYS_pipe2, BAD, 0);
  syscall(SYS_rt_sigaction, SIGUSR1, BAD, 0, 8);
  syscall(SYS_rt_sigaction, SIGUSR1, 0, BAD, 8);
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, BAD, 0, 8);
  syscall(SYS_nanosleep, BAD, 0);
  syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, BAD, 0);
  syscall(SYS_wait4, -1, BAD, WNOHANG, 0);
  syscall(SYS_poll, BAD, 1, 0);
  syscall(SYS_writev, 1, BAD, 1);
  struct iovec bad_iov = {BAD, 3};
  syscall(SYS_writev, 1, &bad_iov, 1);
  syscall(SYS_mkdir, BAD, 0755);
  syscall(SYS_chdir, BAD);
  syscall(SYS_unlink, BAD);
  syscall(SYS_rename, "a", BAD);
  syscall(SYS_access, BAD, F_OK);
  syscall(SYS_execve, BAD, 0, 0);
  char *argv[] = {"x", BAD, 0};
  syscall(SYS_execve, "/nonexistent", argv, BAD);
  syscall(SYS_getrandom, BAD, 4, 0);
  syscall(SYS_times, BAD);
  syscall(SYS_sysinfo, BAD);
  return 0;
}
