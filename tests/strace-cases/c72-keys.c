// strace-diff:
// strace-diff: -e trace=add_key,request_key,keyctl -X raw
// strace-diff: -e trace=add_key,request_key,keyctl -s 4
// strace-diff: -e trace=add_key,request_key,keyctl -X verbose
// The key management calls: add_key with a payload into special keyrings,
// request_key of a missing key, keyctl commands (GET_KEYRING_ID, DESCRIBE,
// READ, SEARCH, SETPERM, INVALIDATE, unknown) with failing arguments.
#define _GNU_SOURCE
#include <linux/keyctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
  syscall(SYS_add_key, "user", "strace-test", "payload", 7, 12345678);
  syscall(SYS_add_key, "keyring", "ring", 0, 0, KEY_SPEC_REQUESTOR_KEYRING);
  syscall(SYS_add_key, "nosuchtype", "desc", "x", 1, KEY_SPEC_THREAD_KEYRING);
  syscall(SYS_add_key, "user", "d", 0, 0, -100);
  syscall(SYS_add_key, 0, "d", "x", 1, KEY_SPEC_USER_KEYRING);
  syscall(SYS_request_key, "user", "missing-key", "callout", KEY_SPEC_SESSION_KEYRING);
  syscall(SYS_request_key, "user", "missing-key", 0, 0);
  syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, 12345678, 0);
  char buf[64];
  syscall(SYS_keyctl, KEYCTL_DESCRIBE, 12345678, buf, sizeof buf);
  syscall(SYS_keyctl, KEYCTL_READ, 12345678, buf, sizeof buf);
  syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, "user", "missing-key", 0);
  syscall(SYS_keyctl, KEYCTL_SETPERM, 12345678, 0x3f010000);
  syscall(SYS_keyctl, KEYCTL_INVALIDATE, 12345678);
  syscall(SYS_keyctl, KEYCTL_REVOKE, 12345678);
  syscall(SYS_keyctl, KEYCTL_UNLINK, 12345678, KEY_SPEC_SESSION_KEYRING);
  syscall(SYS_keyctl, KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE);
  syscall(SYS_keyctl, 9999, 1, 2, 3, 4);
  return 0;
}
