// strace-diff: --trace=openat,close --follow-forks --decode-fds=path
// strace-diff: --trace=openat,close --no-abbrev --strings-in-hex=non-ascii
// strace-diff: --trace=openat,close --strings-in-hex --syscall-number
// strace-diff: --trace=openat,read --strings-in-hex=non-ascii-chars -e read=3
// strace-diff: --trace=openat,close --decode-fds=all --signals=none
// strace-diff: --trace=openat,read --read=3 --abbrev=none --raw=close
// strace-diff: --tra=openat --foll --decode-f=path
// strace-diff: --seccomp-bpf -f --trace=openat,close
// strace-diff: --env=EXTRA=1 --trace=openat
// strace-diff: --decode-pids=pidns --pidns-translation --trace=openat
// strace-diff: --tips=none --kvm=vcpu -d --trace=openat
// strace-diff: -I 3 --trace=openat
// strace-diff: --interruptible=never_tstp --trace=openat
// strace-diff: -I anywhere --trace=close
// strace-diff-m32: --trace=openat,close --no-abbrev --strings-in-hex=non-ascii
// Long forms of strace 6.1's options and unique prefixes of them (getopt_long).
#include <fcntl.h>
#include <unistd.h>

int main(void) {
  int fd = openat(AT_FDCWD, "/etc/hostname\xc3\xa9", O_RDONLY);
  fd = openat(AT_FDCWD, "/dev/null", O_RDONLY);
  char b[4];
  read(fd, b, sizeof b);
  int z = openat(AT_FDCWD, "/dev/zero", O_RDONLY);
  read(z, b, sizeof b);
  close(fd);
  return 0;
}
