// strace-diff:
// strace-diff: -e trace=%network
// strace-diff: -e trace=%network,read,write,close -y
// AF_UNIX stream sockets in one process: socket/bind/listen/connect/accept4
// on a path address, getsockname/getpeername, send/recv flags,
// sendmsg/recvmsg with several iovecs and an SCM_RIGHTS control message,
// shutdown, and errors (EADDRINUSE, ECONNREFUSED, ENOTSOCK, EINVAL).
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(void) {
  struct sockaddr_un addr;
  memset(&addr, 0, sizeof addr);
  addr.sun_family = AF_UNIX;
  strcpy(addr.sun_path, "srv.sock");
  socklen_t alen = offsetof(struct sockaddr_un, sun_path) + strlen(addr.sun_path) + 1;
  int srv = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  bind(srv, (struct sockaddr *)&addr, alen);
  int again = socket(AF_UNIX, SOCK_STREAM, 0);
  bind(again, (struct sockaddr *)&addr, alen);
  listen(srv, 4);
  int cli = socket(AF_UNIX, SOCK_STREAM, 0);
  connect(cli, (struct sockaddr *)&addr, alen);
  struct sockaddr_un peer;
  socklen_t plen = sizeof peer;
  int conn = accept4(srv, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC | SOCK_NONBLOCK);
  plen = sizeof peer;
  getsockname(conn, (struct sockaddr *)&peer, &plen);
  plen = sizeof peer;
  getpeername(cli, (struct sockaddr *)&peer, &plen);
  plen = sizeof peer;
  getsockname(cli, (struct sockaddr *)&peer, &plen);
  send(cli, "hello", 5, MSG_NOSIGNAL);
  char buf[64];
  recv(conn, buf, sizeof buf, 0);
  recv(conn, buf, sizeof buf, MSG_DONTWAIT);
  int fd = open("payload", O_CREAT | O_RDWR, 0644);
  struct iovec iov[2] = {{"fd:", 3}, {"passed", 6}};
  union { struct cmsghdr h; char space[CMSG_SPACE(sizeof(int))]; } ctl;
  memset(&ctl, 0, sizeof ctl);
  struct msghdr msg = {0};
  msg.msg_iov = iov;
  msg.msg_iovlen = 2;
  msg.msg_control = ctl.space;
  msg.msg_controllen = sizeof ctl.space;
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &fd, sizeof fd);
  sendmsg(cli, &msg, 0);
  char a[4], b[16];
  struct iovec riov[2] = {{a, sizeof a}, {b, sizeof b}};
  union { struct cmsghdr h; char space[CMSG_SPACE(sizeof(int))]; } rctl;
  struct msghdr rmsg = {0};
  rmsg.msg_iov = riov;
  rmsg.msg_iovlen = 2;
  rmsg.msg_control = rctl.space;
  rmsg.msg_controllen = sizeof rctl.space;
  recvmsg(conn, &rmsg, MSG_CMSG_CLOEXEC);
  shutdown(cli, SHUT_WR);
  read(conn, buf, sizeof buf);
  shutdown(conn, SHUT_RDWR);
  shutdown(conn, 7);
  int other = socket(AF_UNIX, SOCK_STREAM, 0);
  strcpy(addr.sun_path, "nobody.sock");
  connect(other, (struct sockaddr *)&addr, sizeof addr);
  listen(fd, 1);
  socket(AF_UNIX, SOCK_STREAM, 99);
  socket(12345, SOCK_STREAM, 0);
  close(conn);
  close(cli);
  close(srv);
  unlink("srv.sock");
  unlink("payload");
  return 0;
}
