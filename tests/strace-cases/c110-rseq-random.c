// strace-diff:
// strace-diff: -e trace=rseq,getrandom,arch_prctl -X raw
// rseq calls after the C library registered its own area (EBUSY,
// EINVAL for a bad size, unregistering an area that is not ours), and
// getrandom flags (the bytes are normalised), arch_prctl queries whose
// answers do not change between runs.
#define _GNU_SOURCE
#include <asm/prctl.h>
#include <stdint.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

static struct { uint32_t cpu_id_start, cpu_id; uint64_t cs; uint32_t flags; uint32_t pad[3]; } __attribute__((aligned(32))) area;

int main(void) {
  syscall(SYS_rseq, &area, 32, 0, 0x53053053);
  syscall(SYS_rseq, &area, 16, 0, 0x53053053);
  syscall(SYS_rseq, &area, 32, 1 /* RSEQ_FLAG_UNREGISTER */, 0x53053053);
  syscall(SYS_rseq, &area, 32, 2, 0x53053053);
  char buf[8];
  syscall(SYS_getrandom, buf, sizeof buf, GRND_NONBLOCK);
  syscall(SYS_getrandom, buf, sizeof buf, GRND_RANDOM | GRND_NONBLOCK);
  syscall(SYS_getrandom, buf, sizeof buf, GRND_INSECURE);
  syscall(SYS_getrandom, buf, sizeof buf, 0x100);
  syscall(SYS_getrandom, buf, 0, 0);
  int v;
  syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0);
  syscall(SYS_arch_prctl, 0x1021 /* ARCH_GET_XCOMP_SUPP */, 0);
  syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
  syscall(SYS_arch_prctl, ARCH_GET_GS, &v);
  return 0;
}
