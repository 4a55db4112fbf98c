// strace-diff:
// strace-diff: -e trace=ioctl -X raw
// strace-diff: -e trace=ioctl -v
// Terminal ioctls on a pseudo-terminal (TCGETS, TCSETS, TIOCGWINSZ,
// TIOCSWINSZ, TIOCGPTN, TIOCSPTLCK, TIOCGPGRP on a non-controlling tty,
// FIONREAD, FIONBIO, FIOCLEX), socket ioctls (SIOCGIFINDEX, SIOCGIFNAME of
// lo, SIOCGIFFLAGS) and ENOTTY for a file.
#define _GNU_SOURCE
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

int main(void) {
  int m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
  int unlock = 0;
  ioctl(m, TIOCSPTLCK, &unlock);
  int n;
  ioctl(m, TIOCGPTN, &n);
  int s = open(ptsname(m), O_RDWR | O_NOCTTY);
  struct termios t;
  ioctl(s, TCGETS, &t);
  t.c_lflag &= ~(ICANON | ECHO);
  ioctl(s, TCSETS, &t);
  ioctl(s, TCSETSW, &t);
  struct winsize ws = {24, 80, 0, 0};
  ioctl(m, TIOCSWINSZ, &ws);
  ioctl(s, TIOCGWINSZ, &ws);
  write(m, "abc", 3);
  struct pollfd pfd = {s, POLLIN, 0};
  poll(&pfd, 1, -1);
  int avail = -1;
  ioctl(s, FIONREAD, &avail);
  int on = 1;
  ioctl(s, FIONBIO, &on);
  ioctl(s, FIOCLEX);
  ioctl(s, FIONCLEX);
  pid_t pg;
  ioctl(s, TIOCGPGRP, &pg);
  ioctl(s, TCFLSH, TCIFLUSH);
  ioctl(s, TCXONC, TCOON);
  ioctl(s, TIOCOUTQ, &avail);
  int sock = socket(AF_INET, SOCK_DGRAM, 0);
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strcpy(ifr.ifr_name, "lo");
  ioctl(sock, SIOCGIFINDEX, &ifr);
  ifr.ifr_ifindex = 1;
  ioctl(sock, SIOCGIFNAME, &ifr);
  ioctl(sock, SIOCGIFFLAGS, &ifr);
  strcpy(ifr.ifr_name, "nosuchif0");
  ioctl(sock, SIOCGIFINDEX, &ifr);
  int f = open("/dev/null", O_RDONLY);
  ioctl(f, TCGETS, &t);
  ioctl(f, TIOCGWINSZ, &ws);
  ioctl(-1, FIONREAD, &avail);
  return 0;
}
