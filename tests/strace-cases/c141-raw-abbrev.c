// strace-diff: -e trace=openat,read,close,fstat,newfstatat,rt_sigaction,lseek -e raw=openat,read,lseek
// strace-diff: -e trace=rt_sigaction,rt_sigprocmask,newfstatat,openat,close -e raw=all
// strace-diff: -e trace=rt_sigaction,newfstatat,execve,writev -e abbrev=newfstatat,writev
// strace-diff: -e trace=rt_sigaction,newfstatat,writev -e abbrev=none
// strace-diff: -e trace=rt_sigaction,newfstatat,writev -v -e abbrev=all
// strace-diff-m32: -e trace=openat,read,close,fstat,newfstatat,rt_sigaction,lseek -e raw=openat,read,lseek
// -e raw= (arguments and results in hex, errors still named) and -e abbrev=
// per syscall (-v for the others), including a failing raw call.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static void handler(int sig) { (void)sig; }

int main(void) {
  int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  char b[8];
  read(fd, b, sizeof b);
  lseek(fd, 0, SEEK_SET);
  struct stat st;
  fstat(fd, &st);
  stat("/", &st);
  close(fd);
  open("/nonexistent/x", O_RDONLY);
  struct sigaction sa = {.sa_handler = handler, .sa_flags = SA_RESTART};
  sigfillset(&sa.sa_mask);
  sigaction(SIGUSR1, &sa, NULL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  char a[40] = "0123456789012345678901234567890123456789";
  struct iovec v[40];
  for (int i = 0; i < 40; i++) {
    v[i].iov_base = a + i;
    v[i].iov_len = 1;
  }
  int n = open("/dev/null", O_WRONLY);
  writev(n, v, 40);
  return 0;
}
