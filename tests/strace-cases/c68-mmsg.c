// strace-diff:
// strace-diff: -e trace=sendmmsg,recvmmsg -v
// strace-diff: -e trace=sendmmsg,recvmmsg -s 2
// sendmmsg/recvmmsg on a unix datagram pair: three messages out, two and
// then the rest in (a bad vector with a timeout), a vector longer than the array limit,
// MSG_* flags, an empty receive (EAGAIN) and a bad vector.
#define _GNU_SOURCE
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  struct iovec iov[3] = {{"one", 3}, {"two", 3}, {"three", 5}};
  struct mmsghdr out[3];
  memset(out, 0, sizeof out);
  for (int i = 0; i < 3; i++) {
    out[i].msg_hdr.msg_iov = &iov[i];
    out[i].msg_hdr.msg_iovlen = 1;
  }
  syscall(SYS_sendmmsg, sv[0], out, 3, MSG_DONTWAIT);
  char bufs[3][16];
  struct iovec riov[3] = {{bufs[0], 16}, {bufs[1], 16}, {bufs[2], 16}};
  struct mmsghdr in[3];
  memset(in, 0, sizeof in);
  for (int i = 0; i < 3; i++) {
    in[i].msg_hdr.msg_iov = &riov[i];
    in[i].msg_hdr.msg_iovlen = 1;
  }
  syscall(SYS_recvmmsg, sv[1], in, 2, 0, 0);
  syscall(SYS_recvmmsg, sv[1], in, 3, MSG_WAITFORONE, 0);
  struct timespec ts = {0, 1000};
  syscall(SYS_recvmmsg, sv[1], (void *)1, 3, MSG_DONTWAIT, &ts);
  syscall(SYS_recvmmsg, sv[1], in, 3, MSG_DONTWAIT, 0);
  syscall(SYS_sendmmsg, sv[0], out, 0, 0);
  syscall(SYS_sendmmsg, sv[0], (void *)1, 2, 0);
  return 0;
}
