// strace-diff: -X verbose
// strace-diff: -X raw
// strace-diff: -X abbrev -e trace=!execve
// The constant print styles (-X raw|abbrev|verbose) across decoders: file
// modes with a type, makedev, mmap flags with a huge page size, socket type
// and flags, rlimits, ioctl requests known and unknown, signal sets and
// sigaction flags, AT_FDCWD, futex ops and bitsets, prctl, access modes,
// wait options, unknown values with their ??? comments.
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  syscall(SYS_mknodat, AT_FDCWD, "nod", S_IFCHR | 0600, makedev(1, 3));
  syscall(SYS_mknodat, AT_FDCWD, "fifo", S_IFIFO | 0640, 0);
  syscall(SYS_chmod, "nod", 04755);
  syscall(SYS_mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (21 << 26), -1, 0);
  syscall(SYS_mmap, 0, 4096, PROT_NONE, MAP_SHARED | 0x8000000, -1, 0);
  syscall(SYS_mmap, 0, 4096, PROT_EXEC | 0x100, 0xf, -1, 0);
  syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  syscall(SYS_socket, AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  syscall(SYS_socket, 12345, 99, 0);
  struct rlimit r = {RLIM_INFINITY, 1024 * 1024};
  syscall(SYS_setrlimit, RLIMIT_CORE, &r);
  syscall(SYS_getrlimit, RLIMIT_CORE, &r);
  syscall(SYS_getrlimit, 99, &r);
  syscall(SYS_ioctl, 0, TCGETS, 0);
  syscall(SYS_ioctl, 0, 0x1234, 0);
  syscall(SYS_ioctl, 0, _IOR('x', 7, int), 0);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGUSR1);
  sigaddset(&s, SIGRTMIN + 2);
  syscall(SYS_rt_sigprocmask, SIG_BLOCK, &s, 0, 8);
  syscall(SYS_rt_sigprocmask, 7, &s, 0, 8);
  struct sigaction sa = {0};
  sa.sa_handler = SIG_IGN;
  sa.sa_flags = SA_RESTART | SA_NODEFER;
  sigaction(SIGUSR2, &sa, 0);
  syscall(SYS_kill, 0, 0);
  syscall(SYS_kill, 999999, SIGTERM);
  syscall(SYS_kill, 999999, 77);
  syscall(SYS_openat, AT_FDCWD, "x", O_RDONLY | O_CREAT | 0x40000000, 0644);
  syscall(SYS_openat, AT_FDCWD, "x", O_RDONLY);
  syscall(SYS_openat, AT_FDCWD, "x", O_WRONLY | O_APPEND | O_NONBLOCK);
  syscall(SYS_lseek, 3, 0, SEEK_END);
  syscall(SYS_lseek, 3, 0, 17);
  syscall(SYS_clock_gettime, 99, 0);
  syscall(SYS_clock_gettime, -10, 0);
  syscall(SYS_clock_gettime, CLOCK_MONOTONIC_RAW, 0);
  syscall(SYS_futex, 0, 0x80 | 9, 1, 0, 0, 0xffffffff);
  syscall(SYS_futex, 0, 0x7f, 1, 0, 0, 0);
  syscall(SYS_prctl, PR_SET_PTRACER, -1);
  syscall(SYS_prctl, PR_GET_DUMPABLE);
  syscall(SYS_access, "x", R_OK | W_OK);
  syscall(SYS_access, "x", 0);
  syscall(SYS_access, "x", 0x10);
  syscall(SYS_wait4, -1, 0, WNOHANG | __WALL, 0);
  syscall(SYS_unlinkat, AT_FDCWD, "fifo", 0);
  syscall(SYS_fchmodat, -1, "x", 0644);
  return 0;
}
