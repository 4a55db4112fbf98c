// strace-diff:
// strace-diff: -e trace=perf_event_open,bpf -X raw
// strace-diff: -e trace=bpf -v
// perf_event_open with attributes it cannot read (NULL, a bad pointer) and
// its flags, and bpf commands that fail (NULL or unreadable attributes,
// unknown commands): the command names strace prints for them. (The
// attribute structures themselves are not decoded yet.)
#define _GNU_SOURCE
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  syscall(SYS_perf_event_open, 0, 0, -1, -1, 0);
  syscall(SYS_perf_event_open, (void *)1, -2, -1, -1, PERF_FLAG_FD_CLOEXEC);
  syscall(SYS_perf_event_open, 0, 0, 3, -1, PERF_FLAG_FD_NO_GROUP | PERF_FLAG_FD_OUTPUT);
  syscall(SYS_bpf, BPF_MAP_LOOKUP_ELEM, 0, 0);
  syscall(SYS_bpf, BPF_PROG_LOAD, 0, 0);
  syscall(SYS_bpf, BPF_OBJ_GET, 0, 0);
  syscall(SYS_bpf, BPF_PROG_GET_NEXT_ID, 0, 0);
  syscall(SYS_bpf, BPF_BTF_LOAD, 0, 0);
  syscall(SYS_bpf, BPF_LINK_CREATE, 0, 0);
  syscall(SYS_bpf, 999, 0, 0);
  syscall(SYS_bpf, BPF_MAP_CREATE, (void *)1, 72);
  return 0;
}
