// strace-diff:
// strace-diff: -e trace=fcntl,flock,set_tid_address
// strace-diff: -e trace=fcntl,set_tid_address -e status=successful
// strace-diff-m32:
// fcntl F_GETFD/F_SETFD, F_GETFL/F_SETFL, F_DUPFD/F_DUPFD_CLOEXEC, record
// locks F_SETLK/F_GETLK/F_OFD_*, F_GETPIPE_SZ, F_SETOWN/F_GETOWN, leases
// and seals errors, unknown commands, EBADF; flock operations.
// set_tid_address is traced so that the normaliser learns our pid (l_pid).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  int fd = open("locked", O_CREAT | O_RDWR, 0644);
  fcntl(fd, F_GETFD);
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  fcntl(fd, F_GETFD);
  fcntl(fd, F_SETFD, 0);
  fcntl(fd, F_GETFL);
  fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND);
  fcntl(fd, F_GETFL);
  fcntl(fd, F_DUPFD, 20);
  fcntl(fd, F_DUPFD_CLOEXEC, 0);
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100};
  fcntl(fd, F_SETLK, &fl);
  fl.l_type = F_UNLCK;
  fl.l_whence = SEEK_END;
  fl.l_start = -5;
  fl.l_len = 0;
  fcntl(fd, F_SETLKW, &fl);
  fl.l_type = F_RDLCK;
  fl.l_whence = SEEK_CUR;
  fcntl(fd, F_GETLK, &fl);
  struct flock ofd = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 1};
  fcntl(fd, F_OFD_SETLK, &ofd);
  fcntl(fd, F_OFD_GETLK, &ofd);
  fcntl(fd, F_GETOWN);
  fcntl(fd, F_SETOWN, 0);
  fcntl(fd, F_GETSIG);
  fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE);
  fcntl(fd, F_GET_SEALS);
  fcntl(fd, F_GETLEASE);
  fcntl(fd, 0x7777, 1);
  fcntl(99, F_GETFD);
  fcntl(fd, F_SETLK, (void *)1);
  int p[2];
  pipe(p);
  fcntl(p[0], F_GETPIPE_SZ);
  fcntl(p[0], F_SETPIPE_SZ, 8192);
  fcntl(p[1], F_GETFL);
  flock(fd, LOCK_EX);
  flock(fd, LOCK_SH | LOCK_NB);
  flock(fd, LOCK_UN);
  flock(fd, 0x40);
  flock(99, LOCK_EX);
  unlink("locked");
  return 0;
}
