// strace-diff:
// strace-diff: -e trace=socket,socketpair,bind,listen,connect,accept4,getsockname,getpeername,shutdown -X raw
// strace-diff: -e trace=bind,connect,getsockname,getpeername -v
// Unix sockets with names: a path bound in the work dir, an abstract
// name, an unnamed autobind, connect/accept4 with peer names, a too long
// sun_path, socketpair types and flags, bad families and protocols.
#define _GNU_SOURCE
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(void) {
  int srv = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  strcpy(a.sun_path, "srv.sock");
  bind(srv, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path) + strlen(a.sun_path) + 1);
  listen(srv, 4);
  int cli = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  connect(cli, (struct sockaddr *)&a, sizeof a);
  struct sockaddr_un peer;
  socklen_t len = sizeof peer;
  int acc = accept4(srv, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK);
  len = sizeof peer;
  getsockname(acc, (struct sockaddr *)&peer, &len);
  len = sizeof peer;
  getpeername(cli, (struct sockaddr *)&peer, &len);
  int d = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un ab = {.sun_family = AF_UNIX};
  memcpy(ab.sun_path, "\0abstract-name", 14);
  bind(d, (struct sockaddr *)&ab, offsetof(struct sockaddr_un, sun_path) + 14);
  len = sizeof peer;
  getsockname(d, (struct sockaddr *)&peer, &len);
  int e = socket(AF_UNIX, SOCK_DGRAM, 0);
  bind(e, (struct sockaddr *)&ab, sizeof(sa_family_t));
  struct sockaddr_un longp = {.sun_family = AF_UNIX};
  memset(longp.sun_path, 'p', sizeof longp.sun_path);
  bind(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&longp, sizeof longp);
  len = 2;
  getsockname(cli, (struct sockaddr *)&peer, &len);
  int sv[2];
  socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0, sv);
  socketpair(AF_INET, SOCK_STREAM, 0, sv);
  socketpair(AF_UNIX, SOCK_STREAM, 7, sv);
  socket(AF_UNIX, SOCK_RAW, 0);
  shutdown(cli, SHUT_WR);
  return 0;
}
