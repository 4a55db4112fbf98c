// strace-diff:
// strace-diff: -e trace=ioctl -X raw
// strace-diff: -e trace=ioctl -y
// File and block ioctls: FIONREAD on a pipe, FIGETBSZ, FS_IOC_GETFLAGS and
// FS_IOC_GETVERSION on a regular file, FICLONE/FICLONERANGE failing,
// BLKGETSIZE64/BLKSSZGET/BLKROGET on a non-block device (ENOTTY),
// FIOASYNC, FIOQSIZE, and unknown requests of several directions.
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(void) {
  int p[2];
  pipe(p);
  write(p[1], "12345", 5);
  int n = -1;
  ioctl(p[0], FIONREAD, &n);
  int f = open("plain", O_CREAT | O_RDWR, 0600);
  int bs = -1;
  ioctl(f, FIGETBSZ, &bs);
  long flags = 0;
  ioctl(p[0], FS_IOC_GETFLAGS, &flags);
  ioctl(p[0], FS_IOC_GETVERSION, &flags);
  ioctl(f, FICLONE, p[0]);
  struct file_clone_range r = {.src_fd = p[0], .src_offset = 0, .src_length = 4096, .dest_offset = 0};
  ioctl(f, FICLONERANGE, &r);
  unsigned long long size;
  ioctl(f, BLKGETSIZE64, &size);
  ioctl(f, BLKSSZGET, &bs);
  ioctl(f, BLKROGET, &bs);
  int on = 1;
  ioctl(p[0], FIOASYNC, &on);
  on = 0;
  ioctl(p[0], FIOASYNC, &on);
  long long qsize;
  ioctl(f, FIOQSIZE, &qsize);
  ioctl(f, _IOW('Z', 1, int), &on);
  ioctl(f, _IOWR('Z', 2, long), &on);
  ioctl(f, _IO(0xf7, 3), 0);
  ioctl(f, _IOR(0xfe, 0xff, char[300]), 0);
  return 0;
}
