// strace-diff:
// strace-diff: -e trace=futex -X raw
// strace-diff: -e trace=futex -X verbose
// futex operations a single thread can run without blocking: WAKE with
// nobody waiting, WAIT on a changed value (EAGAIN), WAIT with a relative
// timeout (ETIMEDOUT), WAIT_BITSET with an absolute past time, WAKE_OP
// with an encoded operation, REQUEUE/CMP_REQUEUE, LOCK_PI/UNLOCK_PI on a
// free word, the private and clock flags, and unknown commands.
#define _GNU_SOURCE
#include <linux/futex.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static uint32_t word, word2;

int main(void) {
  syscall(SYS_futex, &word, FUTEX_WAKE, 1, 0, 0, 0);
  syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 0x7fffffff, 0, 0, 0);
  syscall(SYS_futex, &word, FUTEX_WAIT, 1, 0, 0, 0);
  struct timespec ts = {0, 1000};
  syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &ts, 0, 0);
  struct timespec past = {1, 0};
  syscall(SYS_futex, &word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &past, 0, 0x0f0f);
  syscall(SYS_futex, &word, FUTEX_WAKE_BITSET, 1, 0, 0, FUTEX_BITSET_MATCH_ANY);
  syscall(SYS_futex, &word, FUTEX_WAKE_OP, 1, 1, &word2, FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_GT, 0));
  syscall(SYS_futex, &word, FUTEX_WAKE_OP_PRIVATE, 1, 1, &word2, FUTEX_OP(FUTEX_OP_OR | (FUTEX_OP_OPARG_SHIFT << 4), 3, FUTEX_OP_CMP_EQ, 7));
  syscall(SYS_futex, &word, FUTEX_REQUEUE, 1, 2, &word2, 0);
  syscall(SYS_futex, &word, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, &word2, 5);
  syscall(SYS_futex, &word, FUTEX_LOCK_PI, 0, 0, 0, 0);
  syscall(SYS_futex, &word, FUTEX_UNLOCK_PI, 0, 0, 0, 0);
  syscall(SYS_futex, &word, FUTEX_TRYLOCK_PI_PRIVATE, 0, 0, 0, 0);
  syscall(SYS_futex, &word, FUTEX_UNLOCK_PI_PRIVATE, 0, 0, 0, 0);
  syscall(SYS_futex, &word, FUTEX_WAIT_REQUEUE_PI, 1, 0, &word2, 0);
  syscall(SYS_futex, &word, 13, 0, 0, 0, 0);
  syscall(SYS_futex, (void *)1, FUTEX_WAIT, 0, 0, 0, 0);
  syscall(SYS_futex, &word, 0x7f, 0, 0, 0, 0);
  return 0;
}
