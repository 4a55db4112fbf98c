// strace-diff:
// strace-diff: -e trace=sendto,recvfrom -X verbose
// strace-diff: -e trace=sendto,recvfrom -X raw -s 3
// MSG_* flags on a datagram socketpair: sendto with MSG_DONTWAIT|MSG_MORE,
// MSG_EOR, recvfrom with MSG_PEEK, MSG_TRUNC (the full length returned),
// MSG_WAITALL|MSG_DONTWAIT on an empty queue, unknown flag bits, a NULL
// buffer with a zero length.
#define _GNU_SOURCE
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  sendto(sv[0], "datagram-one", 12, MSG_DONTWAIT | MSG_MORE, 0, 0);
  sendto(sv[0], "two", 3, MSG_EOR, 0, 0);
  char buf[64];
  recvfrom(sv[1], buf, sizeof buf, MSG_PEEK, 0, 0);
  recvfrom(sv[1], buf, 4, MSG_TRUNC, 0, 0);
  recvfrom(sv[1], buf, sizeof buf, 0, 0, 0);
  recvfrom(sv[1], buf, sizeof buf, MSG_WAITALL | MSG_DONTWAIT, 0, 0);
  sendto(sv[0], 0, 0, 0x80000000, 0, 0);
  sendto(sv[0], 0, 0, 0, 0, 0);
  recvfrom(sv[1], 0, 0, MSG_DONTWAIT, 0, 0);
  return 0;
}
