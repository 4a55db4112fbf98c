// strace-diff:
// strace-diff: -e trace=setresuid,getresuid,setresgid,getresgid,setuid,setgid,setreuid,setregid,setfsuid,setfsgid,getgroups,setgroups -X raw
// User and group ids as root: getresuid/getresgid, setresuid/setresgid
// with -1 (unchanged), setreuid/setregid, setfsuid/setfsgid (which return
// the previous id), setuid/setgid to 0, getgroups with a zero size (the
// count) and a small buffer (EINVAL), setgroups of a short list.
#define _GNU_SOURCE
#include <grp.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  uid_t r, e, s;
  syscall(SYS_getresuid, &r, &e, &s);
  syscall(SYS_getresgid, &r, &e, &s);
  syscall(SYS_setresuid, -1, -1, -1);
  syscall(SYS_setresgid, -1, 0, -1);
  syscall(SYS_setreuid, -1, 0);
  syscall(SYS_setregid, 0, -1);
  syscall(SYS_setfsuid, 0);
  syscall(SYS_setfsgid, -1);
  syscall(SYS_setuid, 0);
  syscall(SYS_setgid, 0);
  syscall(SYS_getresuid, 0, &e, &s);
  gid_t g[3] = {0, 4, 27};
  syscall(SYS_setgroups, 3, g);
  gid_t out[8];
  syscall(SYS_getgroups, 0, 0);
  syscall(SYS_getgroups, 1, out);
  syscall(SYS_getgroups, 8, out);
  syscall(SYS_setgroups, -1, g);
  syscall(SYS_setgroups, 0, 0);
  return 0;
}
