// strace-diff:
// strace-diff: -e trace=set_tid_address,socketpair,sendmsg,recvmsg,setsockopt -v
// strace-diff: -e trace=set_tid_address,sendmsg,recvmsg -y
// strace-diff: -e trace=set_tid_address,sendmsg,recvmsg -X raw
// sendmsg/recvmsg on a unix socketpair: iovecs, SCM_RIGHTS with two
// descriptors, SCM_CREDENTIALS (our pid, uid, gid), both in one control
// buffer, MSG_* flags, a truncated control buffer (MSG_CTRUNC), a NULL
// msghdr and a peek.
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
  int on = 1;
  setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
  int fds[2] = {open("/dev/null", O_RDONLY), open(".", O_RDONLY | O_DIRECTORY)};
  char cbuf[CMSG_SPACE(sizeof fds) + CMSG_SPACE(sizeof(struct ucred))];
  memset(cbuf, 0, sizeof cbuf);
  struct iovec iov[2] = {{"hello ", 6}, {"world", 5}};
  struct msghdr m = {.msg_iov = iov, .msg_iovlen = 2, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof fds);
  memcpy(CMSG_DATA(c), fds, sizeof fds);
  c = CMSG_NXTHDR(&m, c);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_CREDENTIALS;
  c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
  struct ucred cred = {getpid(), getuid(), getgid()};
  memcpy(CMSG_DATA(c), &cred, sizeof cred);
  sendmsg(sv[0], &m, MSG_NOSIGNAL);
  char in[32];
  char rbuf[256];
  struct iovec riov = {in, sizeof in};
  struct msghdr r = {.msg_iov = &riov, .msg_iovlen = 1, .msg_control = rbuf, .msg_controllen = sizeof rbuf};
  recvmsg(sv[1], &r, MSG_CMSG_CLOEXEC);
  sendmsg(sv[0], &(struct msghdr){.msg_iov = iov, .msg_iovlen = 1}, 0);
  struct msghdr p = {.msg_iov = &riov, .msg_iovlen = 1};
  recvmsg(sv[1], &p, MSG_PEEK | MSG_DONTWAIT);
  char small[CMSG_SPACE(4)];
  struct msghdr t = {.msg_iov = &riov, .msg_iovlen = 1, .msg_control = small, .msg_controllen = sizeof small};
  recvmsg(sv[1], &t, 0);
  m.msg_controllen = CMSG_SPACE(sizeof fds);
  sendmsg(sv[0], &m, 0);
  recvmsg(sv[1], &t, MSG_WAITALL);
  sendmsg(sv[0], 0, 0);
  recvmsg(sv[1], &r, MSG_DONTWAIT);
  return 0;
}
