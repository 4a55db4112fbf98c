// strace-diff: -qq -e trace=write
// strace-diff: -e quiet=exit -e trace=write
// strace-diff: --quiet=all -e trace=write
// strace-diff: -e quiet=!exit -e trace=write
// strace-diff: -c -U name,calls,errors -S name -e trace=write,close,dup
// strace-diff: -c --summary-columns=calls,errors,syscall --summary-sort-by=calls -e trace=write,close,dup
// strace-diff: -C -U syscall,count,error -S name -e trace=write,close
// strace-diff: -a 20 -e trace=write,close
// strace-diff: --columns=60 --string-limit=5 --const-print-style=raw -e trace=write,openat
// strace-diff: -X abbrev -s 3 -e trace=write
// strace-diff: -z -e trace=close,dup
// strace-diff: -Z -e trace=close,dup
// strace-diff: --successful-only -e trace=close,dup
// strace-diff: --failed-only -e trace=close,dup
// strace-diff: --status=successful,failed -e trace=close,dup
// strace-diff: --status=unfinished -e trace=close,dup,exit_group
// strace-diff: -e status=!unfinished -e trace=close,dup,exit_group
// strace-diff: -e status=failed,unfinished -e trace=close,dup,exit_group
// strace-diff: -e status=unavailable -e trace=close,exit_group
// strace-diff-m32: -qq -e trace=write
// quiet= sets, -U/--summary-columns with deterministic columns (no times),
// -S by name and calls, -a, and the long forms of -s, -X, -z, -Z, -e status.
#include <fcntl.h>
#include <unistd.h>

int main(void) {
  for (int i = 0; i < 3; i++) write(1, "line\n", 5);
  close(42);
  close(43);
  int d = dup(1);
  close(d);
  dup(77);
  openat(AT_FDCWD, "/nonexistent", O_RDONLY | O_CLOEXEC);
  return 3;
}
