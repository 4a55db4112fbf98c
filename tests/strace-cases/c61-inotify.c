// strace-diff:
// strace-diff: -e trace=inotify_init1,inotify_init,inotify_add_watch,inotify_rm_watch -X raw
// strace-diff: -y -e trace=inotify_init1,inotify_add_watch,inotify_rm_watch,read
// inotify: init flags, add_watch masks (events and IN_* modifiers),
// rm_watch, a watch on a missing path and a bad watch descriptor, and the
// read of a queued event (struct inotify_event is printed as a buffer).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  int in = syscall(SYS_inotify_init1, IN_CLOEXEC | IN_NONBLOCK);
  syscall(SYS_inotify_init1, 0x1);
  syscall(SYS_inotify_init);
  mkdir("watched", 0755);
  int w = syscall(SYS_inotify_add_watch, in, "watched", IN_CREATE | IN_DELETE | IN_MODIFY | IN_ONLYDIR);
  syscall(SYS_inotify_add_watch, in, "watched", IN_ALL_EVENTS | IN_MASK_ADD | IN_EXCL_UNLINK);
  syscall(SYS_inotify_add_watch, in, "watched", IN_ACCESS | IN_ONESHOT | IN_DONT_FOLLOW);
  syscall(SYS_inotify_add_watch, in, "missing", IN_OPEN);
  syscall(SYS_inotify_add_watch, in, "watched", 0);
  close(open("watched/new", O_CREAT | O_WRONLY, 0600));
  char buf[256];
  read(in, buf, sizeof buf);
  read(in, buf, sizeof buf);
  syscall(SYS_inotify_rm_watch, in, w);
  syscall(SYS_inotify_rm_watch, in, 12345);
  return 0;
}
