// strace-diff:
// strace-diff: -e trace=memfd_create,copy_file_range,sendfile,splice,tee,vmsplice,fallocate,ftruncate,fadvise64,sync_file_range,readahead -X raw
// strace-diff: -yy -e trace=memfd_create,copy_file_range,sendfile,splice,tee,vmsplice,fallocate,fadvise64,sync_file_range
// Data movement between descriptors: memfd_create flags, fallocate modes,
// fadvise64 advice, copy_file_range with offsets, sendfile with and
// without an offset, splice/tee/vmsplice through pipes, sync_file_range.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
  int a = memfd_create("source", MFD_CLOEXEC);
  int b = memfd_create("dest", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  syscall(SYS_memfd_create, "bad", 0x100);
  write(a, "0123456789abcdef", 16);
  syscall(SYS_fallocate, a, 0, 0, 4096);
  syscall(SYS_fallocate, a, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 100, 200);
  syscall(SYS_fallocate, a, FALLOC_FL_ZERO_RANGE, 0, 8);
  syscall(SYS_fallocate, a, 0x40, 0, 8);
  syscall(SYS_fadvise64, a, 0, 100, POSIX_FADV_SEQUENTIAL);
  syscall(SYS_fadvise64, a, 10, 0, POSIX_FADV_DONTNEED);
  syscall(SYS_fadvise64, a, 0, 0, 99);
  syscall(SYS_readahead, a, 0, 4096);
  loff_t in = 2, out = 0;
  syscall(SYS_copy_file_range, a, &in, b, &out, 6, 0);
  syscall(SYS_copy_file_range, a, 0, b, 0, 4, 0);
  syscall(SYS_copy_file_range, a, &in, b, &out, 6, 1);
  off_t off = 4;
  sendfile(b, a, &off, 3);
  lseek(a, 0, SEEK_SET);
  sendfile(b, a, 0, 2);
  int p[2], q[2];
  pipe(p);
  pipe(q);
  loff_t so = 1;
  syscall(SYS_splice, a, &so, p[1], 0, 5, SPLICE_F_MOVE | SPLICE_F_MORE);
  syscall(SYS_tee, p[0], q[1], 5, SPLICE_F_NONBLOCK);
  syscall(SYS_splice, p[0], 0, b, 0, 5, 0);
  struct iovec iov[2] = {{"vm", 2}, {"splice", 6}};
  syscall(SYS_vmsplice, q[1], iov, 2, SPLICE_F_GIFT);
  syscall(SYS_sync_file_range, a, 0, 100, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE);
  syscall(SYS_sync_file_range, a, 0, 0, 0x10);
  ftruncate(b, 3);
  return 0;
}
