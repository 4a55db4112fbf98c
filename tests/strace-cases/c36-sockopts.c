// strace-diff:
// strace-diff: -e trace=getsockopt,setsockopt
// strace-diff: -e trace=%net -e status=failed
// getsockopt/setsockopt decoding on unbound sockets: integer options,
// SO_LINGER and SO_RCVTIMEO structs, SO_TYPE/SO_DOMAIN/SO_PROTOCOL/SO_ERROR
// names, SO_RCVBUF doubling, TCP_NODELAY, IP_TTL, IPV6_V6ONLY, a short
// optlen, unknown levels/names (ENOPROTOOPT) and ENOTSOCK.
#define _GNU_SOURCE
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

int main(void) {
  int t = socket(AF_INET, SOCK_STREAM, 0);
  int u = socket(AF_UNIX, SOCK_DGRAM, 0);
  int v;
  socklen_t len = sizeof v;
  getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &len);
  len = sizeof v;
  getsockopt(u, SOL_SOCKET, SO_TYPE, &v, &len);
  len = sizeof v;
  getsockopt(t, SOL_SOCKET, SO_DOMAIN, &v, &len);
  len = sizeof v;
  getsockopt(t, SOL_SOCKET, SO_PROTOCOL, &v, &len);
  len = sizeof v;
  getsockopt(t, SOL_SOCKET, SO_ERROR, &v, &len);
  len = sizeof v;
  getsockopt(t, SOL_SOCKET, SO_ACCEPTCONN, &v, &len);
  v = 1;
  setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v);
  setsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v);
  len = sizeof v;
  getsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &v, &len);
  v = 4096;
  setsockopt(t, SOL_SOCKET, SO_RCVBUF, &v, sizeof v);
  len = sizeof v;
  getsockopt(t, SOL_SOCKET, SO_RCVBUF, &v, &len);
  struct linger lg = {1, 5};
  setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  socklen_t llen = sizeof lg;
  getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &llen);
  struct timeval tv = {2, 500000};
  setsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  socklen_t tlen = sizeof tv;
  getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, &tlen);
  v = 1;
  setsockopt(t, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v);
  len = sizeof v;
  getsockopt(t, IPPROTO_TCP, TCP_NODELAY, &v, &len);
  v = 33;
  setsockopt(t, IPPROTO_IP, IP_TTL, &v, sizeof v);
  len = sizeof v;
  getsockopt(t, IPPROTO_IP, IP_TTL, &v, &len);
  int s6 = socket(AF_INET6, SOCK_STREAM, 0);
  v = 1;
  if (s6 >= 0) {
    setsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, &v, sizeof v);
    len = sizeof v;
    getsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len);
  }
  char small;
  len = 1;
  getsockopt(t, SOL_SOCKET, SO_TYPE, &small, &len);
  setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &v, 1);
  len = sizeof v;
  getsockopt(t, 999, 1, &v, &len);
  len = sizeof v;
  getsockopt(t, SOL_SOCKET, 9999, &v, &len);
  len = sizeof v;
  getsockopt(1, SOL_SOCKET, SO_TYPE, &v, &len);
  setsockopt(99, SOL_SOCKET, SO_REUSEADDR, &v, sizeof v);
  setsockopt(t, SOL_SOCKET, SO_REUSEADDR, (void *)1, sizeof v);
  return 0;
}
