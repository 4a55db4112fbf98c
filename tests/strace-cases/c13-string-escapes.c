// strace-diff: -e trace=write
// strace-diff: -e trace=write -x
// strace-diff: -e trace=write -xx
// strace-diff: -e trace=write -s 0
// strace-diff: -e trace=write -s 4
// strace-diff: -e trace=write -s 100
// strace-diff-m32: -e trace=write
// String escaping: C escapes (\t \n \v \f \r), quotes and backslashes,
// octal escapes for control bytes (\0 before a digit needs 3 digits),
// bytes >= 0x80, DEL, every byte value, and -s/-x/-xx variants.
#include <unistd.h>

int main(void) {
  write(1, "tab\there\nnl\vvt\fff\rcr", 20);
  write(1, "quote\" apos' back\\slash ?? %d", 30);
  const char ctl[] = {0, '1', 0, 'a', 1, '2', 7, '8', 8, 9, 0x1b, '[', '0', 'm', 0x1f, 0x7f, '9'};
  write(1, ctl, sizeof ctl);
  const char high[] = {(char)0x80, (char)0x9f, (char)0xa0, (char)0xc3, (char)0xa9, (char)0xfe, (char)0xff};
  write(1, high, sizeof high);
  write(1, "caf\xc3\xa9 na\xc3\xafve", 12);
  char all[256];
  for (int i = 0; i < 256; i++) all[i] = (char)i;
  write(1, all, sizeof all);
  write(1, "", 0);
  write(1, "abc", 3);
  write(1, "abcd", 4);
  write(1, "abcde", 5);
  write(1, "\0\0\0\0\0", 5);
  write(1, "0123456789012345678901234567890", 31);
  write(1, "01234567890123456789012345678901", 32);
  write(1, "012345678901234567890123456789012", 33);
  return 0;
}
