// strace-diff:
// strace-diff: -e trace=fanotify_init,fanotify_mark -X raw
// strace-diff: -e trace=fanotify_init,fanotify_mark -y
// strace-diff: -e trace=fanotify_init,fanotify_mark -X verbose
// fanotify_init classes, flags and event_f_flags; fanotify_mark add,
// remove and flush with event masks on the work dir, a mount mark, marks
// with bad flags and missing paths, the FAN_NOFD dirfd.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/fanotify.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  int fa = syscall(SYS_fanotify_init, FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK, O_RDONLY | O_LARGEFILE);
  syscall(SYS_fanotify_init, FAN_CLASS_CONTENT | FAN_REPORT_FID, O_RDWR);
  syscall(SYS_fanotify_init, FAN_CLASS_PRE_CONTENT | FAN_UNLIMITED_QUEUE, O_RDONLY | O_CLOEXEC);
  syscall(SYS_fanotify_init, 0x80000000u, 0);
  syscall(SYS_fanotify_mark, fa, FAN_MARK_ADD, FAN_OPEN | FAN_CLOSE_WRITE | FAN_EVENT_ON_CHILD, AT_FDCWD, ".");
  syscall(SYS_fanotify_mark, fa, FAN_MARK_ADD | FAN_MARK_ONLYDIR, FAN_MODIFY | FAN_ONDIR, AT_FDCWD, ".");
  syscall(SYS_fanotify_mark, fa, FAN_MARK_REMOVE, FAN_OPEN, AT_FDCWD, ".");
  syscall(SYS_fanotify_mark, fa, FAN_MARK_ADD | FAN_MARK_MOUNT, FAN_ACCESS, AT_FDCWD, "/");
  syscall(SYS_fanotify_mark, fa, FAN_MARK_FLUSH, 0, AT_FDCWD, 0);
  syscall(SYS_fanotify_mark, fa, FAN_MARK_ADD, FAN_OPEN, AT_FDCWD, "missing");
  syscall(SYS_fanotify_mark, fa, FAN_MARK_ADD, FAN_OPEN, -1, ".");
  syscall(SYS_fanotify_mark, fa, 0x8000, FAN_OPEN, AT_FDCWD, ".");
  syscall(SYS_fanotify_mark, fa, FAN_MARK_ADD, 0x8000000000ull, AT_FDCWD, ".");
  syscall(SYS_fanotify_mark, -1, FAN_MARK_ADD, FAN_OPEN, AT_FDCWD, ".");
  return 0;
}
