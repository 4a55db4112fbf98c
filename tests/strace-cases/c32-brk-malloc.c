// strace-diff:
// strace-diff: -e trace=brk,mmap,munmap
// strace-diff: -e trace=%memory -e status=successful
// The heap: raw brk queries and moves (including a shrink and an invalid
// request that leaves the break unchanged), sbrk, and malloc/free of small
// blocks (brk) and large blocks (mmap/munmap with the mmap threshold).
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* keeps gcc from eliding a malloc/free pair */
#define USE(p) __asm__ volatile("" : : "r"(p) : "memory")

int main(void) {
  long cur = syscall(SYS_brk, 0);
  syscall(SYS_brk, cur + 65536);
  syscall(SYS_brk, cur + 4096);
  syscall(SYS_brk, 1);
  syscall(SYS_brk, cur);
  void *p = sbrk(0);
  sbrk(8192);
  sbrk(-8192);
  char *small = malloc(100);
  memset(small, 1, 100);
  USE(small);
  char *big = malloc(1 << 20);
  memset(big, 2, 1 << 20);
  USE(big);
  free(big);
  char *mid = malloc(200000);
  USE(mid);
  free(mid);
  free(small);
  char *more = calloc(1, 300000);
  USE(more);
  more = realloc(more, 600000);
  USE(more);
  free(more);
  (void)p;
  return 0;
}
