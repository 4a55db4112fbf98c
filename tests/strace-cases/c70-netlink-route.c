// strace-diff:
// strace-diff: -e trace=socket,bind,sendto,sendmsg -X raw
// strace-diff: -e trace=socket,bind,sendto -y
// strace-diff: -e trace=socket,bind,sendto,sendmsg -X verbose
// A NETLINK_ROUTE socket: bind with a sockaddr_nl (pid 0, groups), an
// RTM_GETLINK dump request with an ifinfomsg, an RTM_GETADDR request sent
// through sendmsg, a message of an unknown type, and a short buffer. The
// replies (interface counters) are not traced.
#define _GNU_SOURCE
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void) {
  int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  struct sockaddr_nl sa = {.nl_family = AF_NETLINK, .nl_pid = 0, .nl_groups = 0};
  bind(s, (struct sockaddr *)&sa, sizeof sa);
  struct {
    struct nlmsghdr h;
    struct ifinfomsg i;
  } req;
  memset(&req, 0, sizeof req);
  req.h.nlmsg_len = sizeof req;
  req.h.nlmsg_type = RTM_GETLINK;
  req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  req.h.nlmsg_seq = 1;
  req.i.ifi_family = AF_UNSPEC;
  struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
  sendto(s, &req, sizeof req, 0, (struct sockaddr *)&kernel, sizeof kernel);
  struct {
    struct nlmsghdr h;
    struct ifaddrmsg a;
  } addr;
  memset(&addr, 0, sizeof addr);
  addr.h.nlmsg_len = sizeof addr;
  addr.h.nlmsg_type = RTM_GETADDR;
  addr.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ROOT | NLM_F_MATCH;
  addr.h.nlmsg_seq = 2;
  addr.a.ifa_family = AF_INET;
  struct iovec iov = {&addr, sizeof addr};
  struct msghdr m = {.msg_name = &kernel, .msg_namelen = sizeof kernel, .msg_iov = &iov, .msg_iovlen = 1};
  sendmsg(s, &m, 0);
  struct nlmsghdr odd = {.nlmsg_len = sizeof odd, .nlmsg_type = 0x7777, .nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 3};
  sendto(s, &odd, sizeof odd, MSG_DONTWAIT, 0, 0);
  sendto(s, &req, 8, MSG_DONTWAIT, 0, 0);
  int a = socket(AF_NETLINK, SOCK_DGRAM, NETLINK_AUDIT + 100);
  int k = socket(AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT);
  return a + k < -2;
}
