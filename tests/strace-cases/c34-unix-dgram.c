// strace-diff:
// strace-diff: -e trace=%network
// strace-diff: -e trace=sendto,recvfrom,sendmmsg,recvmmsg -x
// AF_UNIX datagram sockets: bind to a path and to an abstract name
// (sun_path=@"..."), sendto/recvfrom with source addresses, connect of a
// datagram socket, sendmmsg/recvmmsg, socketpair SOCK_SEQPACKET with
// MSG_PEEK/MSG_TRUNC, and unconnected sends (ENOTCONN), socketpair EOPNOTSUPP.
#define _GNU_SOURCE
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static socklen_t path_addr(struct sockaddr_un *a, const char *p) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  strcpy(a->sun_path, p);
  return offsetof(struct sockaddr_un, sun_path) + strlen(p) + 1;
}

int main(void) {
  struct sockaddr_un a, b, from;
  socklen_t alen = path_addr(&a, "a.sock");
  socklen_t blen = path_addr(&b, "b.sock");
  int sa = socket(AF_UNIX, SOCK_DGRAM, 0);
  int sb = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  bind(sa, (struct sockaddr *)&a, alen);
  bind(sb, (struct sockaddr *)&b, blen);
  sendto(sa, "to b", 4, 0, (struct sockaddr *)&b, blen);
  char buf[32];
  socklen_t flen = sizeof from;
  recvfrom(sb, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
  recvfrom(sb, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
  connect(sb, (struct sockaddr *)&a, alen);
  send(sb, "\x00\x01" "binary\xff", 9, 0);
  flen = sizeof from;
  recvfrom(sa, buf, 4, MSG_TRUNC, (struct sockaddr *)&from, &flen);

  struct sockaddr_un abs;
  memset(&abs, 0, sizeof abs);
  abs.sun_family = AF_UNIX;
  memcpy(abs.sun_path, "\0abstract-name", 14);
  int sc = socket(AF_UNIX, SOCK_DGRAM, 0);
  bind(sc, (struct sockaddr *)&abs, offsetof(struct sockaddr_un, sun_path) + 14);
  flen = sizeof from;
  getsockname(sc, (struct sockaddr *)&from, &flen);

  struct mmsghdr mm[2];
  struct iovec iv[2] = {{"one", 3}, {"two!", 4}};
  memset(mm, 0, sizeof mm);
  mm[0].msg_hdr.msg_iov = &iv[0];
  mm[0].msg_hdr.msg_iovlen = 1;
  mm[1].msg_hdr.msg_iov = &iv[1];
  mm[1].msg_hdr.msg_iovlen = 1;
  sendmmsg(sb, mm, 2, 0);
  char r1[8], r2[8];
  struct iovec rv[2] = {{r1, sizeof r1}, {r2, sizeof r2}};
  struct mmsghdr rm[2];
  memset(rm, 0, sizeof rm);
  rm[0].msg_hdr.msg_iov = &rv[0];
  rm[0].msg_hdr.msg_iovlen = 1;
  rm[1].msg_hdr.msg_iov = &rv[1];
  rm[1].msg_hdr.msg_iovlen = 1;
  recvmmsg(sa, rm, 2, MSG_DONTWAIT, 0);

  int sp[2];
  socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sp);
  send(sp[0], "record-one", 10, MSG_EOR);
  recv(sp[1], buf, 3, MSG_PEEK);
  recv(sp[1], buf, 3, MSG_TRUNC);
  int lone = socket(AF_UNIX, SOCK_DGRAM, 0);
  send(lone, "x", 1, 0);
  int ls = socket(AF_UNIX, SOCK_STREAM, 0);
  send(ls, "x", 1, MSG_NOSIGNAL);
  socketpair(AF_INET, SOCK_STREAM, 0, sp);
  unlink("a.sock");
  unlink("b.sock");
  return 0;
}
