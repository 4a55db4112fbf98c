// strace-diff: -e trace=%ipc
// strace-diff: -e trace=%ipc,unshare -e status=failed
// strace-diff-m32: -e trace=shmget,shmat,shmdt,shmctl,msgget,msgsnd,msgctl,semget,semop,semctl,unshare
// SysV IPC in a private IPC namespace (unshare(CLONE_NEWIPC)) so that ids
// start from 0 and do not depend on other processes: shmget/shmat/shmdt/
// shmctl, semget/semop/semctl, msgget/msgsnd/msgrcv/msgctl, IPC_PRIVATE vs
// keys, IPC_CREAT|IPC_EXCL (EEXIST), ENOENT, EINVAL, ENOMSG. Without
// permission for unshare the program stops early.
#define _GNU_SOURCE
#include <sched.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

struct msg { long type; char text[16]; };

int main(void) {
  if (unshare(CLONE_NEWIPC) != 0) {
    write(1, "no ipcns\n", 9);
    return 0;
  }
  int shm = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
  shmget(0x1234, 4096, IPC_CREAT | IPC_EXCL | 0640);
  shmget(0x1234, 4096, IPC_CREAT | IPC_EXCL | 0640);
  shmget(0x4321, 4096, 0);
  char *p = shmat(shm, (void *)0x30000000, SHM_RND);
  strcpy(p, "shared");
  shmdt(p);
  shmdt(p);
  shmat(shm, (void *)0x30000000, SHM_RDONLY);
  shmctl(shm, IPC_RMID, 0);
  shmctl(99, IPC_RMID, 0);
  int sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
  struct sembuf ops[2] = {{0, 1, 0}, {1, 2, SEM_UNDO}};
  semop(sem, ops, 2);
  struct sembuf down = {0, -5, IPC_NOWAIT};
  semop(sem, &down, 1);
  semctl(sem, 0, GETVAL);
  semctl(sem, 1, SETVAL, 7);
  semctl(sem, 0, IPC_RMID);
  int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
  struct msg m = {3, "hello"};
  msgsnd(q, &m, 6, 0);
  struct msg r;
  memset(&r, '.', sizeof r);
  msgrcv(q, &r, sizeof r.text, 0, 0);
  msgrcv(q, &r, sizeof r.text, 0, IPC_NOWAIT);
  msgctl(q, IPC_RMID, 0);
  msgget(0x777, 0);
  return 0;
}
