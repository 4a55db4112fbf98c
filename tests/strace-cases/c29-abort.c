// strace-diff:
// strace-diff: -e trace=%signal,prlimit64,setrlimit,getrlimit
// abort() with core dumps disabled by setrlimit(RLIMIT_CORE, 0): glibc
// unblocks SIGABRT and raises it, `--- SIGABRT {si_code=SI_TKILL ...} ---`
// then `+++ killed by SIGABRT +++` (no "(core dumped)").
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

int main(void) {
  struct rlimit rl = {0, 0};
  setrlimit(RLIMIT_CORE, &rl);
  getrlimit(RLIMIT_CORE, &rl);
  write(1, "aborting\n", 9);
  abort();
}
