// strace-diff:
// strace-diff: -e trace=landlock_create_ruleset,landlock_add_rule,landlock_restrict_self,quotactl,quotactl_fd -X raw
// strace-diff: -e trace=landlock_create_ruleset,landlock_add_rule,landlock_restrict_self -y
// strace-diff: -e trace=landlock_create_ruleset,landlock_add_rule,landlock_restrict_self,quotactl,quotactl_fd -X verbose
// landlock: the ABI version query, a ruleset with handled access rights,
// a path-beneath rule, bad flags and sizes, restrict_self with bad
// flags (the process keeps its rights). quotactl with commands on a
// missing device and quotactl_fd on a bad descriptor.
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/quota.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  syscall(SYS_landlock_create_ruleset, 0, 0, LANDLOCK_CREATE_RULESET_VERSION);
  struct landlock_ruleset_attr ra = {.handled_access_fs = LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_MAKE_DIR};
  int rs = syscall(SYS_landlock_create_ruleset, &ra, 8, 0);
  syscall(SYS_landlock_create_ruleset, &ra, 8, 0x10);
  syscall(SYS_landlock_create_ruleset, &ra, 4, 0);
  syscall(SYS_landlock_create_ruleset, 0, 8, 0);
  int dir = open(".", O_PATH | O_DIRECTORY);
  struct landlock_path_beneath_attr pb = {.allowed_access = LANDLOCK_ACCESS_FS_READ_FILE, .parent_fd = dir};
  syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
  syscall(SYS_landlock_add_rule, rs, 99, &pb, 0);
  syscall(SYS_landlock_add_rule, rs, LANDLOCK_RULE_PATH_BENEATH, &pb, 1);
  syscall(SYS_landlock_add_rule, -1, LANDLOCK_RULE_PATH_BENEATH, 0, 0);
  syscall(SYS_landlock_restrict_self, rs, 1);
  syscall(SYS_landlock_restrict_self, -1, 0);
  struct dqblk dq;
  syscall(SYS_quotactl, QCMD(Q_GETQUOTA, USRQUOTA), "/dev/nonexistent", 0, &dq);
  syscall(SYS_quotactl, QCMD(Q_SYNC, GRPQUOTA), 0, 0, 0);
  syscall(SYS_quotactl, QCMD(Q_QUOTAON, PRJQUOTA), "/dev/nonexistent", QFMT_VFS_V1, "/quota.file");
  syscall(SYS_quotactl, QCMD(Q_GETFMT, USRQUOTA), "/dev/nonexistent", 0, &dq);
  syscall(SYS_quotactl, QCMD(0x12345, USRQUOTA), "/dev/nonexistent", 0, 0);
  syscall(SYS_quotactl_fd, -1, QCMD(Q_GETINFO, USRQUOTA), 0, &dq);
  return 0;
}
