// strace-diff: -y -e trace=fcntl,close,dup2,read,write,fstatfs
// strace-diff: -y -e trace=%desc
// -y decorations for every kind of descriptor: the inherited stdin
// (/dev/null) and stdout/stderr (pipes), regular files and directories,
// O_PATH fds, a path with special characters, pipes, sockets, eventfd/
// epoll/signalfd/timerfd anon inodes, a memfd, and fds closed or never open.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <unistd.h>

int main(void) {
  for (int fd = 0; fd < 3; fd++) fcntl(fd, F_GETFD);
  int f = open("plain file", O_CREAT | O_RDWR, 0644);
  int w = open("we\"ird\nname\t", O_CREAT | O_WRONLY, 0644);
  int d = open(".", O_RDONLY | O_DIRECTORY);
  int op = open("/dev/null", O_PATH);
  int p[2];
  pipe(p);
  int s = socket(AF_UNIX, SOCK_DGRAM, 0);
  int e = eventfd(0, 0);
  int ep = epoll_create1(0);
  sigset_t m;
  sigemptyset(&m);
  sigaddset(&m, SIGUSR1);
  int sf = signalfd(-1, &m, 0);
  int tf = timerfd_create(CLOCK_MONOTONIC, 0);
  int mf = memfd_create("my-memfd", 0);
  int all[] = {f, w, d, op, p[0], p[1], s, e, ep, sf, tf, mf};
  for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) fcntl(all[i], F_GETFL);
  write(f, "data", 4);
  write(mf, "memfd", 5);
  dup2(f, 50);
  write(50, "via dup", 7);
  close(50);
  fcntl(50, F_GETFD);
  read(d, 0, 0);
  for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) close(all[i]);
  unlink("plain file");
  unlink("we\"ird\nname\t");
  return 0;
}
