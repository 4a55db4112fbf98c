// strace-diff:
// strace-diff: -e trace=write,exit_group
// strace-diff: -qq
// strace-diff-m32:
// exit() through stdio: buffered printf output flushed at exit (the
// newfstatat of stdout that stdio does), an atexit handler, puts/fputs
// to stderr (unbuffered), and a nonzero exit status (`+++ exited with 42`,
// hidden by -qq).
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void bye(void) { write(1, "atexit\n", 7); }

int main(void) {
  atexit(bye);
  printf("hello %d %s\n", 42, "world");
  printf("second line, still buffered\n");
  fputs("to stderr\n", stderr);
  fflush(stdout);
  printf("after flush\n");
  exit(42);
}
