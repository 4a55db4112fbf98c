// strace-diff: -f -e trace=write,gettid,tgkill,rt_sigsuspend,rt_sigreturn,exit,clone3
// strace-diff: -f -e trace=write
// Three live threads handed turns over pipes (the blocking reads are not
// traced, so no log line depends on scheduling), a signal sent with tgkill
// to one thread that waits for it in sigsuspend (the `--- SIGUSR1 ---`
// line, handler and rt_sigreturn are in that thread's log), gettid in
// every thread, and exits in reverse order of creation.
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int go[3][2], done[2];
static pid_t tids[3];

static void on_usr1(int sig) { (void)sig; write(1, "handler\n", 8); }

static void *worker(void *arg) {
  long id = (long)arg;
  char c;
  read(go[id][0], &c, 1);
  tids[id] = syscall(SYS_gettid);
  char msg[] = "thread X\n";
  msg[7] = (char)('0' + id);
  write(1, msg, sizeof msg - 1);
  write(done[1], "d", 1);
  if (id == 1) {
    sigset_t none;
    sigemptyset(&none);
    sigsuspend(&none);
    write(done[1], "s", 1);
  }
  read(go[id][0], &c, 1);
  return 0;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, 0);
  sigset_t usr1;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  sigprocmask(SIG_BLOCK, &usr1, 0);
  pipe(done);
  pthread_t t[3];
  for (long i = 0; i < 3; i++) {
    pipe(go[i]);
    pthread_create(&t[i], 0, worker, (void *)i);
  }
  char c;
  for (int i = 0; i < 3; i++) {
    write(go[i][1], "g", 1);
    read(done[0], &c, 1);
  }
  syscall(SYS_tgkill, getpid(), tids[1], SIGUSR1);
  read(done[0], &c, 1);
  for (int i = 2; i >= 0; i--) {
    write(go[i][1], "x", 1);
    pthread_join(t[i], 0);
  }
  write(1, "main done\n", 10);
  return 0;
}
