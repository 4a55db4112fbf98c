// strace-diff: -f -e trace=!futex,rt_sigprocmask
// strace-diff: -f -e trace=write,exit,clone3,gettid
// strace-diff: -f -e trace=%process
// pthread_create under -f: clone3 with its flags and the `=> {parent_tid=
// [TID]}` output, the stack mmap/mprotect, the new thread's rseq and
// set_robust_list, thread exit (exit, not exit_group, after an madvise of
// the stack) and the join. The threads run strictly one after another
// (created, then joined) so no two log lines race. futex and
// rt_sigprocmask are excluded: whether pthread_join sleeps is a race, and
// the mask restore after clone3 runs concurrently with the new thread.
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

static void *worker(void *arg) {
  long id = (long)arg;
  char msg[] = "thread X\n";
  msg[7] = (char)('0' + id);
  write(1, msg, sizeof msg - 1);
  syscall(SYS_gettid);
  return (void *)id;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, (void *)1);
  pthread_join(t, 0);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 65536);
  pthread_create(&t, &attr, worker, (void *)2);
  pthread_join(t, 0);
  write(1, "main done\n", 10);
  return 0;
}
