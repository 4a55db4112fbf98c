// strace-diff:
// strace-diff: -e trace=socket,bind,connect,listen,getsockname,getpeername,accept4,shutdown,sendto,recvfrom -X raw
// strace-diff: -e trace=socket,bind,connect,getsockname,sendto,recvfrom -y
// AF_INET6 and AF_INET sockets on loopback in a fixed-port scheme that
// fails deterministically: bind to ::1 and 127.0.0.1 with fixed ports,
// sockaddr_in6 with flow info and scope id, connect to a closed port
// (ECONNREFUSED), a UDP datagram to ourselves with sendto/recvfrom,
// getsockname, shutdown modes, accept4 on a non-listening socket, and
// bad address lengths and families.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
  int u = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(47123)};
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  bind(u, (struct sockaddr *)&a, sizeof a);
  socklen_t len = sizeof a;
  getsockname(u, (struct sockaddr *)&a, &len);
  sendto(u, "ping", 4, 0, (struct sockaddr *)&a, sizeof a);
  char buf[16];
  struct sockaddr_in from;
  len = sizeof from;
  recvfrom(u, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
  int s6 = socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP);
  struct sockaddr_in6 a6 = {.sin6_family = AF_INET6, .sin6_port = htons(47124), .sin6_flowinfo = htonl(7), .sin6_scope_id = 0};
  inet_pton(AF_INET6, "::1", &a6.sin6_addr);
  bind(s6, (struct sockaddr *)&a6, sizeof a6);
  int c6 = socket(AF_INET6, SOCK_STREAM, 0);
  a6.sin6_port = htons(47125);
  connect(c6, (struct sockaddr *)&a6, sizeof a6);
  struct sockaddr_in6 m6 = {.sin6_family = AF_INET6, .sin6_port = htons(1)};
  inet_pton(AF_INET6, "::ffff:127.0.0.1", &m6.sin6_addr);
  connect(c6, (struct sockaddr *)&m6, sizeof m6);
  struct sockaddr_in6 ll = {.sin6_family = AF_INET6, .sin6_port = htons(2), .sin6_scope_id = 1};
  inet_pton(AF_INET6, "fe80::1", &ll.sin6_addr);
  bind(socket(AF_INET6, SOCK_DGRAM, 0), (struct sockaddr *)&ll, sizeof ll);
  accept4(s6, 0, 0, SOCK_CLOEXEC | SOCK_NONBLOCK);
  shutdown(u, SHUT_RD);
  shutdown(u, SHUT_RDWR);
  shutdown(u, 9);
  bind(u, (struct sockaddr *)&a, 3);
  struct sockaddr bad = {.sa_family = 12345};
  connect(u, &bad, sizeof bad);
  listen(s6, 16);
  listen(u, -1);
  getpeername(u, (struct sockaddr *)&from, &len);
  return 0;
}
