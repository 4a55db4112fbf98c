// strace-diff:
// strace-diff: -e trace=fcntl -X raw
// strace-diff: -e trace=fcntl -X verbose
// fcntl commands beyond c09: record locks (F_SETLK, F_SETLKW, F_GETLK,
// F_OFD_*), owners (F_SETOWN_EX/F_GETOWN_EX), signals, leases, notify,
// pipe sizes, seals on a memfd, read hints, bad commands.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  int fd = open("locked", O_CREAT | O_RDWR, 0644);
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 20};
  fcntl(fd, F_SETLK, &fl);
  fl.l_type = F_UNLCK;
  fcntl(fd, F_SETLKW, &fl);
  struct flock q = {.l_type = F_RDLCK, .l_whence = SEEK_CUR, .l_start = 0, .l_len = 0};
  fcntl(fd, F_GETLK, &q);
  struct flock ofd = {.l_type = F_RDLCK, .l_whence = SEEK_END, .l_start = -5, .l_len = 5};
  fcntl(fd, F_OFD_SETLK, &ofd);
  ofd.l_type = F_UNLCK;
  fcntl(fd, F_OFD_SETLKW, &ofd);
  struct flock ofq = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
  fcntl(fd, F_OFD_GETLK, &ofq);
  fcntl(fd, F_SETLK, (void *)1);
  struct f_owner_ex own = {.type = F_OWNER_PGRP, .pid = 0};
  fcntl(fd, F_SETOWN_EX, &own);
  fcntl(fd, F_GETOWN_EX, &own);
  fcntl(fd, F_SETSIG, SIGUSR1);
  fcntl(fd, F_GETSIG);
  fcntl(fd, F_SETSIG, 0);
  fcntl(fd, F_GETLEASE);
  fcntl(fd, F_SETLEASE, F_UNLCK);
  fcntl(-1, F_NOTIFY, DN_ACCESS | DN_MODIFY | DN_MULTISHOT);
  int p[2];
  pipe(p);
  fcntl(p[0], F_SETPIPE_SZ, 8192);
  fcntl(p[0], F_GETPIPE_SZ);
  int m = memfd_create("sealed", MFD_ALLOW_SEALING | MFD_CLOEXEC);
  fcntl(m, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW);
  fcntl(m, F_GET_SEALS);
  fcntl(m, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE);
  fcntl(m, F_GET_SEALS);
  unsigned long long hint = RWH_WRITE_LIFE_SHORT;
  fcntl(fd, F_SET_RW_HINT, &hint);
  fcntl(fd, F_GET_RW_HINT, &hint);
  fcntl(fd, F_DUPFD_CLOEXEC, 100);
  fcntl(fd, 12345, 0);
  return 0;
}
