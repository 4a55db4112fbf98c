// strace-diff: -X verbose
// strace-diff: -X verbose -s 8 -e trace=!fstat,newfstatat
// A run of ordinary calls (files, memory, signals, sockets, time) under
// -X verbose, where every constant is printed as a number with its name
// in a comment, together with -s (not -v: fstat's times would differ).
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  int f = open("verbose-file", O_CREAT | O_RDWR | O_TRUNC | O_CLOEXEC, 0640);
  write(f, "some text\n", 10);
  lseek(f, 0, SEEK_SET);
  char buf[16];
  read(f, buf, sizeof buf);
  fcntl(f, F_SETFL, O_APPEND | O_NONBLOCK);
  fcntl(f, F_GETFL);
  fcntl(f, F_GETFD);
  struct stat st;
  fstat(f, &st);
  void *m = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(m, 4096, PROT_READ);
  madvise(m, 4096, MADV_DONTNEED);
  munmap(m, 8192);
  struct sigaction sa = {0};
  sa.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &sa, 0);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGALRM);
  sigprocmask(SIG_BLOCK, &set, 0);
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
  send(sv[0], "x", 1, MSG_DONTWAIT);
  struct pollfd pf = {sv[1], POLLIN | POLLOUT, 0};
  poll(&pf, 1, 0);
  shutdown(sv[0], SHUT_WR);
  struct timespec ts = {0, 1000};
  nanosleep(&ts, 0);
  syscall(SYS_wait4, -1, 0, WNOHANG, 0);
  access("verbose-file", R_OK | W_OK);
  unlink("verbose-file");
  return 0;
}
