// strace-diff:
// strace-diff: -e trace=getsockopt,setsockopt -X raw
// strace-diff: -e trace=getsockopt,setsockopt -v
// strace-diff: -e trace=getsockopt,setsockopt -X verbose
// getsockopt/setsockopt at the common levels: SOL_SOCKET (int options,
// SO_LINGER, SO_RCVTIMEO/SO_SNDTIMEO, SO_TYPE, SO_DOMAIN, SO_PROTOCOL,
// SO_ERROR, SO_ACCEPTCONN), IPPROTO_TCP, IPPROTO_IP, IPPROTO_IPV6,
// short option lengths, unknown levels and options.
#define _GNU_SOURCE
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  int v = 1;
  socklen_t len = sizeof v;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v);
  getsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, &len);
  setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v);
  v = 8192;
  setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof v);
  len = sizeof v;
  getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &len);
  len = sizeof v;
  getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &len);
  len = sizeof v;
  getsockopt(s, SOL_SOCKET, SO_DOMAIN, &v, &len);
  len = sizeof v;
  getsockopt(s, SOL_SOCKET, SO_PROTOCOL, &v, &len);
  len = sizeof v;
  getsockopt(s, SOL_SOCKET, SO_ERROR, &v, &len);
  len = sizeof v;
  getsockopt(s, SOL_SOCKET, SO_ACCEPTCONN, &v, &len);
  struct linger lg = {1, 5};
  setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  len = sizeof lg;
  getsockopt(s, SOL_SOCKET, SO_LINGER, &lg, &len);
  struct timeval tv = {3, 500000};
  setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  len = sizeof tv;
  getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &len);
  setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  v = 1;
  setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v);
  len = sizeof v;
  getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &v, &len);
  v = 1000;
  setsockopt(s, IPPROTO_TCP, TCP_MAXSEG, &v, sizeof v);
  v = 30;
  setsockopt(s, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof v);
  v = 64;
  setsockopt(s, IPPROTO_IP, IP_TTL, &v, sizeof v);
  len = sizeof v;
  getsockopt(s, IPPROTO_IP, IP_TTL, &v, &len);
  v = 0x10;
  setsockopt(s, IPPROTO_IP, IP_TOS, &v, sizeof v);
  char c = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &c, 1);
  len = 1;
  getsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, &len);
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, 0, 4);
  setsockopt(s, 9999, 1, &v, sizeof v);
  setsockopt(s, SOL_SOCKET, 9999, &v, sizeof v);
  int s6 = socket(AF_INET6, SOCK_DGRAM, 0);
  v = 1;
  setsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof v);
  len = sizeof v;
  getsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len);
  v = 5;
  setsockopt(s6, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &v, sizeof v);
  setsockopt(-1, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v);
  return 0;
}
