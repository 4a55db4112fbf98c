// strace-diff: -e trace=unshare,msgget,msgsnd,msgrcv,msgctl -X raw
// strace-diff: -e trace=unshare,msgget,msgsnd,msgrcv,msgctl -s 4
// SysV message queues in a private IPC namespace: msgget flags, msgsnd
// with mtype and text, msgrcv by type with MSG_NOERROR and IPC_NOWAIT
// (ENOMSG on an empty queue), msgctl commands, failures.
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/syscall.h>
#include <unistd.h>

struct msg { long mtype; char mtext[16]; };

int main(void) {
  if (unshare(CLONE_NEWIPC) != 0) return 1;
  int q = syscall(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600);
  syscall(SYS_msgget, 0x4242, 0);
  struct msg m = {7, "hello-queue"};
  syscall(SYS_msgsnd, q, &m, 11, 0);
  m.mtype = 9;
  syscall(SYS_msgsnd, q, &m, 5, IPC_NOWAIT);
  struct msg r;
  memset(&r, 0, sizeof r);
  syscall(SYS_msgrcv, q, &r, 5, 7, MSG_NOERROR);
  syscall(SYS_msgrcv, q, &r, sizeof r.mtext, 9, IPC_NOWAIT);
  syscall(SYS_msgrcv, q, &r, sizeof r.mtext, 0, IPC_NOWAIT);
  syscall(SYS_msgsnd, q, &m, 5, 0x4000);
  syscall(SYS_msgctl, q, IPC_RMID, 0);
  syscall(SYS_msgctl, q, IPC_RMID, 0);
  syscall(SYS_msgsnd, -1, &m, 5, 0);
  return 0;
}
