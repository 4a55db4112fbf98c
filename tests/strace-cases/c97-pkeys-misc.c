// strace-diff:
// strace-diff: -e trace=pkey_alloc,pkey_free,pkey_mprotect,memfd_secret,process_madvise,process_mrelease,set_mempolicy_home_node,map_shadow_stack,futex_waitv -X raw
// Recent memory calls with arguments the kernel refuses: pkey_alloc
// flags and access rights, pkey_free/pkey_mprotect with bad keys,
// memfd_secret flags, process_madvise and process_mrelease on a bad
// pidfd, futex_waitv with no waiters.
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
  syscall(SYS_pkey_alloc, 0x10, 0);
  syscall(SYS_pkey_alloc, 0, 0x8);
  syscall(SYS_pkey_free, 99);
  void *m = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  syscall(SYS_pkey_mprotect, m, 4096, PROT_READ | PROT_WRITE, 99);
  syscall(SYS_memfd_secret, 0x1000);
  struct iovec iov = {m, 4096};
  syscall(SYS_process_madvise, -1, &iov, 1, MADV_COLD, 0);
  syscall(SYS_process_mrelease, -1, 0);
  syscall(SYS_futex_waitv, 0, 0, 0, 0, 0);
  return 0;
}
