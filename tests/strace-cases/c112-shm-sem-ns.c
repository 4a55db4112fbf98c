// strace-diff: -e trace=unshare,shmget,shmat,shmdt,shmctl,semget,semop,semtimedop,semctl -X raw
// strace-diff: -e trace=unshare,shmget,shmat,shmdt,shmctl,semget,semop,semtimedop,semctl -X verbose
// SysV shared memory and semaphores in a private IPC namespace (so the ids
// are the first ones): shmget flags with huge page bits, shmat flags,
// shmctl commands, semget/semop/semtimedop with sembuf flags, semctl
// commands and IPC_64, failures.
#define _GNU_SOURCE
#include <sched.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  if (unshare(CLONE_NEWIPC) != 0) return 1;
  int shm = syscall(SYS_shmget, IPC_PRIVATE, 4096, IPC_CREAT | IPC_EXCL | 0600);
  syscall(SYS_shmget, 0x1234, 4096, 0600);
  syscall(SYS_shmget, IPC_PRIVATE, 2 << 20, IPC_CREAT | SHM_HUGETLB | (21 << 26) | 0600);
  void *p = (void *)syscall(SYS_shmat, shm, 0, SHM_RDONLY);
  syscall(SYS_shmat, shm, (void *)0x10001, SHM_RND | SHM_EXEC);
  syscall(SYS_shmdt, p);
  syscall(SYS_shmdt, (void *)0x1000);
  syscall(SYS_shmctl, shm, IPC_RMID, 0);
  syscall(SYS_shmctl, shm, SHM_LOCK, 0);
  syscall(SYS_shmctl, 99, IPC_STAT | 0x100, (void *)1);
  int sem = syscall(SYS_semget, IPC_PRIVATE, 2, IPC_CREAT | 0600);
  struct sembuf ops[2] = {{0, 1, 0}, {1, 0, IPC_NOWAIT}};
  syscall(SYS_semop, sem, ops, 2);
  struct sembuf dec = {0, -1, SEM_UNDO | IPC_NOWAIT};
  syscall(SYS_semop, sem, &dec, 1);
  syscall(SYS_semop, sem, &dec, 1);
  struct timespec ts = {0, 1000};
  syscall(SYS_semtimedop, sem, &dec, 1, &ts);
  syscall(SYS_semctl, sem, 0, GETVAL, 0);
  syscall(SYS_semctl, sem, 1, SETVAL, 5);
  syscall(SYS_semctl, sem, 0, GETNCNT, 0);
  syscall(SYS_semctl, sem, 0, IPC_RMID | 0x100, 0);
  syscall(SYS_semctl, sem, 0, 99, 0);
  return 0;
}
