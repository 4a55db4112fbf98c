// strace-diff:
// strace-diff: -e trace=statfs,fstatfs,ustat,sync,syncfs,umask,getcwd,chroot,pivot_root,acct,swapon,swapoff,reboot,sethostname,setdomainname,iopl,ioperm -X raw
// statfs/fstatfs of /proc and /sys (their counters are zero), failing
// statfs, getcwd with a short buffer (ERANGE), and administrative calls
// with arguments the kernel rejects: chroot of a missing dir, pivot_root,
// acct, swapon/swapoff, reboot with a bad magic, sethostname/setdomainname
// with a too long name, iopl/ioperm beyond the limits.
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/reboot.h>
#include <sys/statfs.h>
#include <sys/swap.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  struct statfs sf;
  syscall(SYS_statfs, "/proc", &sf);
  syscall(SYS_statfs, "/missing", &sf);
  syscall(SYS_statfs, "/proc", 0);
  int fd = open("/proc", O_RDONLY | O_DIRECTORY);
  syscall(SYS_fstatfs, fd, &sf);
  syscall(SYS_fstatfs, -1, &sf);
  char small[2];
  syscall(SYS_getcwd, small, sizeof small);
  syscall(SYS_chroot, "/nonexistent-dir");
  syscall(SYS_pivot_root, "/nonexistent-a", "/nonexistent-b");
  syscall(SYS_acct, "/nonexistent-dir/acct");
  syscall(SYS_swapon, "/nonexistent-swap", SWAP_FLAG_PREFER | 5);
  syscall(SYS_swapon, "/nonexistent-swap", SWAP_FLAG_DISCARD);
  syscall(SYS_swapoff, "/nonexistent-swap");
  syscall(SYS_reboot, 0x12345678, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_RESTART, 0);
  syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2C, 0x42, 0);
  char longname[100];
  for (int i = 0; i < 99; i++) longname[i] = 'h';
  longname[99] = 0;
  syscall(SYS_sethostname, longname, 99);
  syscall(SYS_setdomainname, longname, 99);
  syscall(SYS_iopl, 4);
  syscall(SYS_ioperm, 0x10000, 8, 1);
  return 0;
}
