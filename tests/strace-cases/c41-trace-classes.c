// strace-diff: -e trace=%file
// strace-diff: -e trace=%process
// strace-diff: -e trace=%network
// strace-diff: -e trace=%signal
// strace-diff: -e trace=%ipc
// strace-diff: -e trace=%desc
// strace-diff: -e trace=%memory
// strace-diff: -e trace=%creds
// strace-diff: -e trace=%clock
// strace-diff: -e trace=%stat,%lstat,%fstat
// strace-diff: -e trace=%%stat,%statfs,%%statfs
// strace-diff: -e trace=%pure
// strace-diff: -e trace=%file,%desc,%memory
// One program touching every syscall class, traced once per class (and a
// few unions) to pin down which syscalls each %class contains.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  int fd = open("classes", O_CREAT | O_RDWR, 0600);
  write(fd, "abc", 3);
  struct stat st;
  fstat(fd, &st);
  stat("classes", &st);
  lstat("classes", &st);
  syscall(SYS_stat, "classes", &st);
  syscall(SYS_lstat, "classes", &st);
  struct statx sx;
  statx(AT_FDCWD, "classes", 0, STATX_SIZE, &sx);
  struct statfs sf;
  statfs("/nonexistent", &sf);
  fstatfs(-1, &sf);
  void *m = mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
  munmap(m, 4096);
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  send(sv[0], "n", 1, 0);
  shmget(0x5eed, 4096, 0600);
  semget(0x5eed, 1, 0600);
  msgget(0x5eed, 0600);
  shmdt((void *)4096);
  getuid();
  getegid();
  syscall(SYS_gettid);
  getppid();
  struct timespec ts = {0, 1000};
  nanosleep(&ts, 0);
  syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts);
  struct timezone tz;
  syscall(SYS_gettimeofday, 0, &tz);
  sigset_t s;
  sigemptyset(&s);
  sigprocmask(SIG_BLOCK, &s, 0);
  signal(SIGUSR2, SIG_IGN);
  kill(getpid(), SIGUSR2);
  sigaddset(&s, SIGCHLD);
  sigprocmask(SIG_BLOCK, &s, 0);
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  waitpid(pid, 0, 0);
  close(sv[0]);
  close(sv[1]);
  close(fd);
  unlink("classes");
  return 0;
}
