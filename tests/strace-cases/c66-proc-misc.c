// strace-diff: -e trace=set_tid_address,process_vm_readv,process_vm_writev,kcmp,membarrier,userfaultfd,pidfd_open,pidfd_send_signal,pidfd_getfd,getpid
// strace-diff: -yy -e trace=set_tid_address,pidfd_open,pidfd_getfd,kcmp,userfaultfd
// strace-diff: -X raw -e trace=set_tid_address,kcmp,membarrier,userfaultfd,pidfd_open,pidfd_send_signal,pidfd_getfd
// process_vm_readv/writev on ourselves (local and remote iovecs), kcmp
// types, membarrier commands, userfaultfd flags, the pidfd family
// (open, send_signal with signal 0, getfd, bad flags).
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
  pid_t me = getpid();
  char src[16] = "remote-bytes!", dst[16];
  memset(dst, 0, sizeof dst);
  struct iovec local = {dst, 8}, remote = {src, 8};
  syscall(SYS_process_vm_readv, me, &local, 1, &remote, 1, 0);
  struct iovec wl = {"written", 7}, wr = {dst, 7};
  syscall(SYS_process_vm_writev, me, &wl, 1, &wr, 1, 0);
  syscall(SYS_process_vm_readv, me, &local, 1, &remote, 1, 1);
  syscall(SYS_process_vm_readv, -1, &local, 1, &remote, 1, 0);
  int fd = open("/dev/null", O_RDONLY);
  int dupfd = dup(fd);
  syscall(SYS_kcmp, me, me, 0 /* KCMP_FILE */, fd, dupfd);
  syscall(SYS_kcmp, me, me, 1 /* KCMP_VM */, 0, 0);
  syscall(SYS_kcmp, me, me, 5 /* KCMP_SIGHAND */, 0, 0);
  syscall(SYS_kcmp, me, me, 99, 0, 0);
  syscall(SYS_membarrier, 0 /* MEMBARRIER_CMD_QUERY */, 0, 0);
  syscall(SYS_membarrier, 1 << 4 /* REGISTER_PRIVATE_EXPEDITED */, 0, 0);
  syscall(SYS_membarrier, 1 << 3 /* PRIVATE_EXPEDITED */, 0, 0);
  syscall(SYS_membarrier, 12345, 0, 0);
  int uf = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
  syscall(SYS_userfaultfd, 0x4);
  int pfd = syscall(SYS_pidfd_open, me, 0);
  syscall(SYS_pidfd_open, me, 0x4);
  syscall(SYS_pidfd_open, -1, 0);
  syscall(SYS_pidfd_send_signal, pfd, 0, 0, 0);
  syscall(SYS_pidfd_send_signal, pfd, 0, 0, 0x80);
  syscall(SYS_pidfd_send_signal, fd, 0, 0, 0);
  syscall(SYS_pidfd_getfd, pfd, fd, 0);
  syscall(SYS_pidfd_getfd, pfd, 999, 0);
  syscall(SYS_pidfd_getfd, pfd, fd, 1);
  return uf < 0;
}
