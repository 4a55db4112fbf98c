// strace-diff:
// strace-diff: -e trace=%memory
// strace-diff: -e trace=mmap,munmap -e status=failed
// mmap flag/prot decoding (private/shared anonymous, file mappings with an
// offset, MAP_FIXED, MAP_FIXED_NOREPLACE EEXIST, MAP_POPULATE,
// MAP_NORESERVE, MAP_STACK, PROT_NONE, PROT_EXEC), errors (EINVAL, EBADF,
// EACCES), munmap, mprotect, madvise advice names, mremap (grow in place,
// MREMAP_MAYMOVE, MREMAP_FIXED), msync, mlock/munlock, mincore.
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define AT(x) ((void *)(x))

int main(void) {
  char *a = mmap(AT(0x20000000), 16384, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  a[0] = 1;
  mmap(AT(0x20000000), 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  mmap(AT(0x21000000), 8192, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED | MAP_POPULATE, -1, 0);
  mmap(AT(0x22000000), 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED | MAP_STACK, -1, 0);
  mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mmap(0, 4096, PROT_READ, MAP_PRIVATE, 77, 0);
  mmap(0, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0);
  mmap(0, 4096, PROT_READ | 0x100, MAP_PRIVATE | MAP_ANONYMOUS | 0x4000000, -1, 0);
  int fd = open("mapped", O_CREAT | O_RDWR | O_TRUNC, 0644);
  ftruncate(fd, 8192);
  char *f = mmap(AT(0x23000000), 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 4096);
  f[0] = 'x';
  msync(f, 4096, MS_SYNC);
  msync(f, 4096, MS_ASYNC | MS_INVALIDATE);
  msync(f + 1, 4096, MS_SYNC);
  mmap(0, 4096, PROT_READ, MAP_SHARED, fd, 100);
  int ro = open("mapped", O_RDONLY);
  mmap(0, 4096, PROT_WRITE, MAP_SHARED, ro, 0);
  close(ro);
  close(fd);
  mprotect(a, 4096, PROT_READ);
  mprotect(a + 4096, 4096, PROT_NONE);
  mprotect(a + 8192, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
  mprotect(a + 1, 4096, PROT_READ);
  mprotect(a, 4096, PROT_READ | PROT_GROWSDOWN);
  madvise(a, 16384, MADV_NORMAL);
  madvise(a, 16384, MADV_RANDOM);
  madvise(a, 16384, MADV_SEQUENTIAL);
  madvise(a, 16384, MADV_WILLNEED);
  madvise(a, 16384, MADV_DONTNEED);
  madvise(a, 16384, MADV_FREE);
  madvise(a, 16384, MADV_DONTFORK);
  madvise(a, 16384, MADV_DOFORK);
  madvise(a, 16384, 12345);
  unsigned char vec[4];
  mincore(a, 16384, vec);
  mincore(a + 1, 4096, vec);
  mlock(a, 4096);
  munlock(a, 4096);
  char *r = mremap(a, 16384, 32768, 0);
  r = mremap(AT(0x21000000), 8192, 65536, MREMAP_MAYMOVE | MREMAP_FIXED, AT(0x24000000));
  mremap(AT(0x24000000), 65536, 4096, 0);
  syscall(SYS_mremap, AT(0x24000000), 4096, 8192, 0x80, 0);
  munmap(AT(0x24000000), 4096);
  munmap(AT(0x22000000), 4096);
  munmap(AT(0x23000000), 4096);
  munmap(AT(0x20000001), 4096);
  munmap(a, 16384);
  unlink("mapped");
  (void)r;
  return 0;
}
