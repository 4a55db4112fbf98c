// strace-diff:
// strace-diff: -e trace=%process,%creds,set_tid_address,getpid,getppid,gettid,getpgrp,getpgid,getsid,kill,tkill,tgkill
// strace-diff: -e trace=%creds
// strace-diff-m32:
// getpid/getppid/gettid/getpgrp/getpgid/getsid, the credential calls
// (getuid..getresgid, getgroups, setuid/setgid to the same ids, setfsuid
// queries, capget), and kill/tkill/tgkill with signal 0, ESRCH, EINVAL.
#define _GNU_SOURCE
#include <grp.h>
#include <linux/capability.h>
#include <signal.h>
#include <sys/fsuid.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  pid_t me = getpid();
  getppid();
  syscall(SYS_gettid);
  getpgrp();
  getpgid(0);
  getsid(0);
  getpgid(999999);
  uid_t uid = getuid();
  geteuid();
  gid_t gid = getgid();
  getegid();
  uid_t r, e, s;
  getresuid(&r, &e, &s);
  gid_t gr, ge, gs;
  getresgid(&gr, &ge, &gs);
  gid_t groups[64];
  getgroups(0, 0);
  getgroups(64, groups);
  setuid(uid);
  setgid(gid);
  setreuid(-1, -1);
  setresuid(-1, -1, -1);
  setresgid(-1, -1, -1);
  setfsuid(-1);
  setfsgid(-1);
  struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
  syscall(SYS_capget, &hdr, 0);
  struct __user_cap_header_struct bad = {0x12345678, 0};
  struct __user_cap_data_struct data[2];
  syscall(SYS_capget, &bad, data);
  kill(me, 0);
  kill(999999, 0);
  kill(me, 99);
  kill(0, 0);
  syscall(SYS_tkill, me, 0);
  syscall(SYS_tgkill, me, me, 0);
  syscall(SYS_tgkill, me, 999999, 0);
  syscall(SYS_tgkill, -1, me, 0);
  return 0;
}
