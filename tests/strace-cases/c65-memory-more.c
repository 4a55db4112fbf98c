// strace-diff:
// strace-diff: -e trace=mmap,mremap,madvise,mlock,mlock2,munlock,mlockall,munlockall,mincore,msync,mprotect,munmap,mbind,get_mempolicy,set_mempolicy,process_madvise -X raw
// strace-diff: -e trace=mremap,madvise,mincore,msync,mbind,get_mempolicy,set_mempolicy -v
// strace-diff: -e trace=mmap,mremap,madvise,mlock2,mlockall,msync,mbind,get_mempolicy,set_mempolicy -X verbose
// Memory calls beyond c31: mremap (MAYMOVE, FIXED, DONTUNMAP, bad flags),
// madvise advice, mlock/mlock2/munlock, mlockall flags, mincore's vector
// (short and longer than the array limit), msync flags, mbind and
// set/get_mempolicy with a node mask, and failures.
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  char *base = (char *)0x200000000ul;
  char *a = mmap(base, 64 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  for (int i = 0; i < 64; i += 2) a[i * 4096] = 1;
  unsigned char vec[64];
  syscall(SYS_mincore, a, 4 * 4096, vec);
  syscall(SYS_mincore, a, 64 * 4096, vec);
  syscall(SYS_mincore, a + 1, 4096, vec);
  syscall(SYS_madvise, a, 4096, MADV_DONTNEED);
  syscall(SYS_madvise, a, 4096, MADV_WILLNEED);
  syscall(SYS_madvise, a, 4096, MADV_DONTFORK);
  syscall(SYS_madvise, a, 4096, MADV_DOFORK);
  syscall(SYS_madvise, a, 4096, MADV_COLD);
  syscall(SYS_madvise, a, 4096, 12345);
  syscall(SYS_mlock, a, 4096);
  syscall(SYS_munlock, a, 4096);
  syscall(SYS_mlock2, a, 4096, MLOCK_ONFAULT);
  syscall(SYS_mlock2, a, 4096, 0x10);
  syscall(SYS_munlock, a, 4096);
  syscall(SYS_mlockall, MCL_FUTURE | MCL_ONFAULT);
  syscall(SYS_munlockall);
  syscall(SYS_mlockall, 0x100);
  syscall(SYS_msync, a, 4096, MS_SYNC | MS_INVALIDATE);
  syscall(SYS_msync, a, 4096, MS_ASYNC | MS_SYNC);
  syscall(SYS_msync, a + 1, 4096, MS_ASYNC);
  syscall(SYS_mprotect, a, 4096, PROT_READ | PROT_GROWSDOWN);
  syscall(SYS_mprotect, a, 4096, PROT_READ);
  char *b = (char *)syscall(SYS_mremap, a, 4096, 8192, MREMAP_MAYMOVE);
  syscall(SYS_mremap, a + 8 * 4096, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, base + 128 * 4096);
  syscall(SYS_mremap, a + 10 * 4096, 4096, 4096, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
  syscall(SYS_mremap, a, 4096, 4096, 0x80);
  syscall(SYS_mremap, a + 1, 4096, 8192, 0);
  unsigned long nodes = 1;
  syscall(SYS_mbind, a + 20 * 4096, 4096, 1 /* MPOL_PREFERRED */, &nodes, 64, 0);
  syscall(SYS_mbind, a + 20 * 4096, 4096, 0 /* MPOL_DEFAULT */, 0, 0, 0);
  syscall(SYS_mbind, a + 20 * 4096, 4096, 2 /* MPOL_BIND */, &nodes, 64, 1 << 1 /* MPOL_MF_MOVE */);
  syscall(SYS_mbind, a + 20 * 4096, 4096, 99, &nodes, 64, 0);
  syscall(SYS_set_mempolicy, 0, 0, 0);
  syscall(SYS_set_mempolicy, 3 /* MPOL_INTERLEAVE */, &nodes, 64);
  int mode = -1;
  syscall(SYS_get_mempolicy, &mode, &nodes, 64, 0, 0);
  syscall(SYS_set_mempolicy, 0, 0, 0);
  syscall(SYS_get_mempolicy, &mode, 0, 0, a + 20 * 4096, 2 /* MPOL_F_ADDR */);
  syscall(SYS_get_mempolicy, &mode, 0, 0, 0, 0x100);
  syscall(SYS_munmap, b, 8192);
  return 0;
}
