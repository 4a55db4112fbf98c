// strace-diff:
// strace-diff: -e trace=fcntl,flock -X verbose
// File locks and leases: fcntl F_SETLK/F_GETLK with a conflicting lock
// absent (l_type=F_UNLCK back), F_SETLEASE read and unlock on our own
// file, F_GETLEASE, F_SETOWN/F_GETOWN, F_NOTIFY on the work dir, flock
// shared/exclusive/non-blocking/unlock.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

int main(void) {
  int f = open("leased", O_CREAT | O_RDONLY, 0600);
  fcntl(f, F_SETLEASE, F_RDLCK);
  fcntl(f, F_GETLEASE);
  fcntl(f, F_SETLEASE, F_UNLCK);
  fcntl(f, F_GETLEASE);
  fcntl(f, F_SETLEASE, 9);
  fcntl(f, F_SETOWN, 0);
  fcntl(f, F_GETOWN);
  int d = open(".", O_RDONLY | O_DIRECTORY);
  fcntl(d, F_NOTIFY, DN_CREATE | DN_DELETE | DN_RENAME | DN_ATTRIB);
  fcntl(d, F_NOTIFY, 0);
  struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100};
  fcntl(f, F_GETLK, &fl);
  flock(f, LOCK_SH);
  flock(f, LOCK_EX | LOCK_NB);
  flock(f, LOCK_UN);
  flock(f, LOCK_MAND | LOCK_READ);
  return 0;
}
