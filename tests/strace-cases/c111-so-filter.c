// strace-diff:
// strace-diff: -e trace=setsockopt,getsockopt -v
// strace-diff: -e trace=setsockopt,getsockopt -X raw
// SO_ATTACH_FILTER with a classic BPF program (printed with -v), a bad
// program, SO_DETACH_FILTER, SO_LOCK_FILTER, SO_BINDTODEVICE with a name
// and an empty one, SO_PRIORITY and SO_MARK, IP_ADD_MEMBERSHIP with a
// bad group.
#define _GNU_SOURCE
#include <linux/filter.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  struct sock_filter code[] = {
      BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x800, 0, 1),
      BPF_STMT(BPF_RET | BPF_K, 0xffff),
      BPF_STMT(BPF_RET | BPF_K, 0),
  };
  struct sock_fprog prog = {.len = 4, .filter = code};
  setsockopt(s, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog);
  struct sock_fprog bad = {.len = 0, .filter = code};
  setsockopt(s, SOL_SOCKET, SO_ATTACH_FILTER, &bad, sizeof bad);
  int v = 0;
  setsockopt(s, SOL_SOCKET, SO_DETACH_FILTER, &v, sizeof v);
  v = 1;
  setsockopt(s, SOL_SOCKET, SO_LOCK_FILTER, &v, sizeof v);
  setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
  setsockopt(s, SOL_SOCKET, SO_BINDTODEVICE, "", 0);
  v = 6;
  setsockopt(s, SOL_SOCKET, SO_PRIORITY, &v, sizeof v);
  v = 42;
  setsockopt(s, SOL_SOCKET, SO_MARK, &v, sizeof v);
  struct ip_mreq mr;
  memset(&mr, 0, sizeof mr);
  setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof mr);
  socklen_t len = sizeof v;
  getsockopt(s, SOL_SOCKET, SO_MARK, &v, &len);
  return 0;
}
