// strace-diff: -e trace=!write
// strace-diff: -e trace=!write,brk,mmap,%signal
// strace-diff: -e trace=/^(open|close)
// strace-diff: -e trace=/stat$,/^get,/^set_tid
// strace-diff: -e trace=/.
// strace-diff: -e trace=read -e trace=write
// strace-diff: -e trace=none
// strace-diff: -e trace=all
// strace-diff: -e trace=?nosuchsyscall,getpid,set_tid_address
// strace-diff: -e trace=openat,close,%signal,/^fst
// Syscall set expressions: negation (which applies to the whole list),
// regular expressions (/re, anchored or not), several -e trace options,
// none/all, and the `?` prefix that ignores unknown names.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  int fd = open("sets", O_CREAT | O_RDWR, 0600);
  write(fd, "12", 2);
  lseek(fd, 0, SEEK_SET);
  char b[4];
  read(fd, b, sizeof b);
  struct stat st;
  fstat(fd, &st);
  stat("sets", &st);
  getpid();
  getuid();
  syscall(SYS_getcwd, b, 1);
  sigset_t s;
  sigemptyset(&s);
  sigprocmask(SIG_SETMASK, &s, 0);
  close(fd);
  close(fd);
  syscall(SYS_open, "sets", O_RDONLY);
  unlink("sets");
  return 0;
}
