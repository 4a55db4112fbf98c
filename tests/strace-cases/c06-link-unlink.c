// strace-diff:
// strace-diff: -e trace=link,linkat,symlink,symlinkat,unlink,unlinkat
// strace-diff: -e trace=/link -y
// strace-diff-m32:
// link/linkat (AT_SYMLINK_FOLLOW, AT_EMPTY_PATH), symlink/symlinkat,
// unlink/unlinkat (AT_REMOVEDIR, EISDIR, ENOENT, EEXIST, ENOTDIR).
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
  close(open("orig", O_CREAT | O_WRONLY, 0644));
  link("orig", "hard");
  link("orig", "hard");
  link("missing", "hard2");
  symlink("orig", "soft");
  symlink("orig", "soft");
  int d = open(".", O_RDONLY | O_DIRECTORY);
  symlinkat("soft", d, "soft2");
  linkat(AT_FDCWD, "soft2", d, "hard-to-link", 0);
  linkat(d, "soft2", AT_FDCWD, "hard-to-file", AT_SYMLINK_FOLLOW);
  linkat(AT_FDCWD, "orig", AT_FDCWD, "x", 0x8000);
  mkdir("dir", 0755);
  link("dir", "dirlink");
  unlink("dir");
  unlinkat(d, "dir", 0);
  unlinkat(d, "orig/x", AT_REMOVEDIR);
  unlinkat(d, "dir", AT_REMOVEDIR);
  unlinkat(d, "hard-to-file", 0x1);
  unlink("hard-to-file");
  unlink("hard-to-link");
  unlinkat(d, "soft2", 0);
  unlink("soft");
  unlink("hard");
  unlink("orig");
  unlink("orig");
  close(d);
  return 0;
}
