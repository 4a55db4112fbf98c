// strace-diff:
// strace-diff: -v
// strace-diff: -s 0
// strace-diff: -s 3 -v
// strace-diff: -s 100 -e trace=execve,writev,write,poll,setgroups,getgroups
// The abbreviation rules: execve's argv longer than the array limit and
// envp as "/* N vars */" (a vector with -v), writev with more iovecs than
// the limit, -s truncation of strings and buffers (-s 0, -s 3) with "...",
// poll with many descriptors, setgroups/getgroups arrays.
#define _GNU_SOURCE
#include <grp.h>
#include <poll.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc > 1) {
    write(1, "child\n", 6);
    return 0;
  }
  struct iovec iov[40];
  for (int i = 0; i < 40; i++) {
    iov[i].iov_base = (void *)"abcdefgh";
    iov[i].iov_len = 1 + i % 8;
  }
  syscall(SYS_writev, 1, iov, 40);
  syscall(SYS_write, 1, "a string that is longer than thirty-two bytes, surely\n", 54);
  syscall(SYS_write, 1, "\n", 1);
  struct pollfd fds[40];
  for (int i = 0; i < 40; i++) {
    fds[i].fd = i % 3;
    fds[i].events = POLLOUT;
  }
  syscall(SYS_poll, fds, 40, 0);
  gid_t groups[40];
  for (int i = 0; i < 40; i++) groups[i] = 1000 + i;
  syscall(SYS_setgroups, 40, groups);
  syscall(SYS_getgroups, 40, groups);
  syscall(SYS_setgroups, 0, 0);
  char *args[50];
  for (int i = 0; i < 49; i++) args[i] = "arg-with-some-length";
  args[0] = argv[0];
  args[49] = 0;
  char *env[] = {"A=1", "B=two", "C=three three", "LONG=0123456789012345678901234567890123456789", 0};
  execve(argv[0], args, env);
  return 1;
}
