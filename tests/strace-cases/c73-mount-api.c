// strace-diff:
// strace-diff: -e trace=mount,umount2,fsopen,fsconfig,fsmount,move_mount,open_tree,fspick,mount_setattr -X raw
// strace-diff: -e trace=mount,umount2,fsopen,fsconfig,fsmount,move_mount,open_tree,fspick,mount_setattr -y
// strace-diff: -e trace=mount,umount2,fsopen,fsconfig,fsmount,move_mount,open_tree,fspick,mount_setattr -X verbose
// The mount calls with arguments the kernel rejects or that act on
// nothing (a missing target, bad flags), so that nothing gets mounted:
// mount flags and data, umount2 flags, the new mount API (fsopen,
// fsconfig commands, fsmount, move_mount, open_tree, fspick, mount_setattr).
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/mount.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  syscall(SYS_mount, "none", "/nonexistent-target", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=1m");
  syscall(SYS_mount, "/src", "/nonexistent-target", 0, MS_BIND | MS_REC, 0);
  syscall(SYS_mount, 0, "/nonexistent-target", 0, MS_REMOUNT | MS_RDONLY, "ro");
  syscall(SYS_mount, 0, "/nonexistent-target", 0, MS_PRIVATE | MS_REC, 0);
  syscall(SYS_mount, "a", "/nonexistent-target", "ext4", MS_MGC_VAL | MS_RDONLY, 0);
  syscall(SYS_umount2, "/nonexistent-target", MNT_DETACH | UMOUNT_NOFOLLOW);
  syscall(SYS_umount2, "/nonexistent-target", MNT_FORCE | MNT_EXPIRE);
  syscall(SYS_umount2, "/nonexistent-target", 0x80);
  int fs = syscall(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
  syscall(SYS_fsopen, "nosuchfs", 0);
  syscall(SYS_fsopen, "tmpfs", 0x2);
  syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "size", "1m", 0);
  syscall(SYS_fsconfig, fs, FSCONFIG_SET_FLAG, "ro", 0, 0);
  syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "nosuchoption", "x", 0);
  syscall(SYS_fsconfig, fs, FSCONFIG_SET_FD, "source", 0, 99);
  syscall(SYS_fsconfig, -1, FSCONFIG_CMD_CREATE, 0, 0, 0);
  syscall(SYS_fsconfig, fs, 99, 0, 0, 0);
  syscall(SYS_fsmount, -1, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID);
  syscall(SYS_fsmount, fs, 0x2, 0);
  syscall(SYS_move_mount, -1, "", AT_FDCWD, "/nonexistent-target", MOVE_MOUNT_F_EMPTY_PATH);
  syscall(SYS_move_mount, AT_FDCWD, "/a", AT_FDCWD, "/b", 0x1000);
  syscall(SYS_open_tree, AT_FDCWD, "/nonexistent", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
  syscall(SYS_open_tree, -1, "x", 0);
  syscall(SYS_fspick, AT_FDCWD, "/nonexistent", FSPICK_CLOEXEC | FSPICK_SYMLINK_NOFOLLOW);
  syscall(SYS_fspick, -1, "", FSPICK_EMPTY_PATH);
  struct mount_attr attr = {.attr_set = MOUNT_ATTR_RDONLY, .attr_clr = MOUNT_ATTR_NOEXEC, .propagation = MS_PRIVATE};
  syscall(SYS_mount_setattr, AT_FDCWD, "/nonexistent", AT_RECURSIVE, &attr, sizeof attr);
  syscall(SYS_mount_setattr, -1, "", 0, 0, 0);
  return 0;
}
