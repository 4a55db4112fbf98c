// strace-diff: -e trace=read,write,readv,writev,pread64,pwrite64,sendto,recvfrom,sendmsg,recvmsg -e read=3,5 -e write=4,6,99
// strace-diff: -e trace=%desc -e read=all -e write=!4
// strace-diff: -e trace=write,read -e write=none -e read=3
// strace-diff-m32: -e trace=read,write,readv,writev,pread64,pwrite64,sendto,recvfrom,sendmsg,recvmsg -e read=3,5 -e write=4,6,99
// -e read=/write= hex dumps: rows of 16 bytes with the middle gap, partial
// rows, non-printable bytes as '.', reads dumped up to the result, writes
// dumped whole even when they fail, vectors buffer by buffer, msghdr iovecs.
#define _GNU_SOURCE
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
  int p[2], s[2];
  pipe(p);
  socketpair(AF_UNIX, SOCK_STREAM, 0, s);
  char buf[128];
  const char *text = "hello world, this is a longer line\twith\x01\xff bytes\n";
  write(p[1], text, strlen(text));
  read(p[0], buf, sizeof buf);
  write(p[1], "ab", 2);
  read(p[0], buf, 1);
  read(p[0], buf, 1);
  struct iovec v[3] = {{"xyz", 3}, {"0123456789abcdefghijklmnop", 26}, {"", 0}};
  writev(p[1], v, 3);
  char r1[5], r2[40];
  struct iovec rv[2] = {{r1, 5}, {r2, 40}};
  readv(p[0], rv, 2);
  write(99, "zz", 2);
  read(p[0], buf, 0);
  sendto(s[0], "datagram-ish\0\x7f", 14, 0, NULL, 0);
  recvfrom(s[1], buf, sizeof buf, 0, NULL, NULL);
  struct iovec mv[2] = {{"msg-one ", 8}, {"msg-two", 7}};
  struct msghdr mh = {.msg_iov = mv, .msg_iovlen = 2};
  sendmsg(s[1], &mh, 0);
  char m1[4], m2[32];
  struct iovec mr[2] = {{m1, 4}, {m2, 32}};
  struct msghdr rh = {.msg_iov = mr, .msg_iovlen = 2};
  recvmsg(s[0], &rh, 0);
  int f = open("file", 0102, 0600);
  pwrite(f, "positional", 10, 4);
  pread(f, buf, 20, 0);
  close(f);
  unlink("file");
  return 0;
}
