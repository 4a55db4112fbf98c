// strace-diff:
// strace-diff: -e trace=name_to_handle_at,open_by_handle_at,syncfs,sync_file_range,sync,fsync,fdatasync,flock,close_range -X raw
// strace-diff: -e trace=name_to_handle_at,open_by_handle_at,flock,close_range -y
// name_to_handle_at (a too small buffer gives EOVERFLOW with the needed
// size; a big one, AT_ flags), open_by_handle_at on a bad mount fd,
// flock operations, syncfs/fsync/fdatasync/sync, close_range flags.
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/close_range.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  int fd = open("handled", O_CREAT | O_RDWR, 0600);
  struct file_handle *fh = malloc(sizeof *fh + 128);
  int mount_id;
  fh->handle_bytes = 0;
  syscall(SYS_name_to_handle_at, AT_FDCWD, "handled", fh, &mount_id, 0);
  fh->handle_bytes = 128;
  syscall(SYS_name_to_handle_at, AT_FDCWD, "missing", fh, &mount_id, AT_SYMLINK_FOLLOW);
  syscall(SYS_name_to_handle_at, fd, "", fh, &mount_id, AT_EMPTY_PATH | 0x4000);
  syscall(SYS_name_to_handle_at, AT_FDCWD, "handled", 0, &mount_id, 0);
  fh->handle_bytes = 8;
  fh->handle_type = 1;
  syscall(SYS_open_by_handle_at, -1, fh, O_RDONLY);
  syscall(SYS_open_by_handle_at, -1, 0, O_RDWR | O_CLOEXEC);
  flock(fd, LOCK_EX | LOCK_NB);
  flock(fd, LOCK_SH);
  flock(fd, LOCK_UN);
  syscall(SYS_flock, fd, 0x40);
  syscall(SYS_syncfs, fd);
  syscall(SYS_fsync, fd);
  syscall(SYS_fdatasync, -1);
  int a = dup(fd), b = dup(fd);
  syscall(SYS_close_range, a, b, CLOSE_RANGE_CLOEXEC);
  syscall(SYS_close_range, a, b, CLOSE_RANGE_UNSHARE);
  syscall(SYS_close_range, b, a, 0);
  syscall(SYS_close_range, a, ~0u, 0x10);
  return 0;
}
