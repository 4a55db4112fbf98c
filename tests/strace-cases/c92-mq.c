// strace-diff:
// strace-diff: -e trace=mq_open,mq_timedsend,mq_timedreceive,mq_getsetattr,mq_notify,mq_unlink -X raw
// strace-diff: -e trace=mq_open,mq_timedsend,mq_timedreceive,mq_getsetattr -s 4
// POSIX message queues: mq_open with O_CREAT and attributes, a bad name,
// mq_timedsend/receive with priorities and absolute past timeouts,
// mq_getsetattr with O_NONBLOCK, mq_notify with SIGEV_NONE and removal,
// mq_unlink of the queue and of a missing one.
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  struct mq_attr attr = {.mq_flags = 0, .mq_maxmsg = 4, .mq_msgsize = 32};
  syscall(SYS_mq_unlink, "strace-diff-q");
  int q = syscall(SYS_mq_open, "strace-diff-q", O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
  syscall(SYS_mq_open, "strace-diff-q", O_RDONLY, 0, 0);
  syscall(SYS_mq_open, "bad/name", O_RDONLY, 0, 0);
  struct timespec past = {1, 0};
  syscall(SYS_mq_timedsend, q, "first message", 13, 5, &past);
  syscall(SYS_mq_timedsend, q, "second", 6, 9, 0);
  char buf[32];
  unsigned prio;
  syscall(SYS_mq_timedreceive, q, buf, sizeof buf, &prio, &past);
  syscall(SYS_mq_timedreceive, q, buf, sizeof buf, 0, &past);
  syscall(SYS_mq_timedreceive, q, buf, sizeof buf, &prio, &past);
  syscall(SYS_mq_timedreceive, q, buf, 4, &prio, &past);
  struct mq_attr nb = {.mq_flags = O_NONBLOCK}, old;
  syscall(SYS_mq_getsetattr, q, &nb, &old);
  syscall(SYS_mq_getsetattr, q, 0, &old);
  struct sigevent sev;
  memset(&sev, 0, sizeof sev);
  sev.sigev_notify = SIGEV_NONE;
  syscall(SYS_mq_notify, q, &sev);
  syscall(SYS_mq_notify, q, 0);
  syscall(SYS_mq_unlink, "strace-diff-q");
  syscall(SYS_mq_unlink, "strace-diff-q");
  return 0;
}
