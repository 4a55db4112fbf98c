// strace-diff:
// strace-diff: -e trace=%network
// strace-diff: -e trace=%network,ioctl,unshare -e status=failed
// AF_INET/AF_INET6 on loopback with fixed ports, made deterministic by a
// private network namespace (unshare(CLONE_NEWNET), lo brought up with
// SIOCSIFFLAGS): TCP bind/listen/connect/accept with sockaddr_in decoding,
// getsockname/getpeername, port 0 binds are never printed back; UDP on
// 127.0.0.1 and ::1 with sendto/recvfrom; EADDRINUSE, ECONNREFUSED,
// EADDRNOTAVAIL. Without permission for unshare the program stops early
// (same log under both tracers).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static struct sockaddr_in v4(const char *ip, int port) {
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, ip, &a.sin_addr);
  return a;
}

int main(void) {
  if (unshare(CLONE_NEWNET) != 0) {
    write(1, "no netns\n", 9);
    return 0;
  }
  int s = socket(AF_INET, SOCK_DGRAM, 0);
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strcpy(ifr.ifr_name, "lo");
  ioctl(s, SIOCGIFFLAGS, &ifr);
  ifr.ifr_flags |= IFF_UP;
  ioctl(s, SIOCSIFFLAGS, &ifr);
  close(s);

  struct sockaddr_in srv = v4("127.0.0.1", 4242), cli = v4("127.0.0.1", 4343), got;
  socklen_t len;
  int l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  int one = 1;
  setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  bind(l, (struct sockaddr *)&srv, sizeof srv);
  listen(l, 8);
  int c = socket(AF_INET, SOCK_STREAM, 0);
  bind(c, (struct sockaddr *)&cli, sizeof cli);
  connect(c, (struct sockaddr *)&srv, sizeof srv);
  len = sizeof got;
  int a = accept(l, (struct sockaddr *)&got, &len);
  len = sizeof got;
  getsockname(c, (struct sockaddr *)&got, &len);
  len = sizeof got;
  getpeername(a, (struct sockaddr *)&got, &len);
  write(c, "GET / HTTP/1.0\r\n\r\n", 18);
  char buf[64];
  read(a, buf, sizeof buf);
  send(a, "HTTP/1.0 200 OK\r\n", 17, 0);
  recv(c, buf, sizeof buf, 0);
  int dup_l = socket(AF_INET, SOCK_STREAM, 0);
  bind(dup_l, (struct sockaddr *)&srv, sizeof srv);
  struct sockaddr_in closed = v4("127.0.0.1", 1);
  connect(dup_l, (struct sockaddr *)&closed, sizeof closed);
  struct sockaddr_in foreign = v4("192.0.2.1", 80);
  int f = socket(AF_INET, SOCK_STREAM, 0);
  bind(f, (struct sockaddr *)&foreign, sizeof foreign);
  struct sockaddr_in any = v4("0.0.0.0", 0);
  bind(f, (struct sockaddr *)&any, sizeof any);
  shutdown(c, SHUT_RDWR);
  close(a);
  close(c);
  close(l);

  int u = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
  struct sockaddr_in ua = v4("127.0.0.1", 5353);
  bind(u, (struct sockaddr *)&ua, sizeof ua);
  int u2 = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in ub = v4("127.0.0.1", 5454);
  bind(u2, (struct sockaddr *)&ub, sizeof ub);
  sendto(u2, "datagram", 8, 0, (struct sockaddr *)&ua, sizeof ua);
  len = sizeof got;
  recvfrom(u, buf, sizeof buf, 0, (struct sockaddr *)&got, &len);

  int u6 = socket(AF_INET6, SOCK_DGRAM, 0);
  if (u6 >= 0) {
    struct sockaddr_in6 s6, from6;
    memset(&s6, 0, sizeof s6);
    s6.sin6_family = AF_INET6;
    s6.sin6_port = htons(6666);
    s6.sin6_addr = in6addr_loopback;
    if (bind(u6, (struct sockaddr *)&s6, sizeof s6) == 0) {
      sendto(u6, "six", 3, 0, (struct sockaddr *)&s6, sizeof s6);
      len = sizeof from6;
      recvfrom(u6, buf, sizeof buf, 0, (struct sockaddr *)&from6, &len);
    }
  }
  return 0;
}
