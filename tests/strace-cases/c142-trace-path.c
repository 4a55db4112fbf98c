// strace-diff: -P data.txt
// strace-diff: -P data.txt -P other
// strace-diff: -e quiet=path-resolution -P data.txt
// strace-diff: -y -P data.txt -e trace=read,write,close,openat,newfstatat
// strace-diff-m32: -P data.txt
// -P PATH: calls naming the path as written, calls on descriptors that refer
// to it (through dup, a second name, and a symlink once opened), mmap's fd,
// symlink's target string not counted; the file does not exist at start.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void) {
  char cwd[256], path[300], b[8];
  getcwd(cwd, sizeof cwd);
  int fd = open("data.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  write(fd, "abc", 3);
  close(fd);
  int n = 0;
  while (cwd[n]) n++;
  for (int i = 0; i < n; i++) path[i] = cwd[i];
  const char *tail = "/data.txt";
  for (int i = 0; tail[i]; i++) path[n++] = tail[i];
  path[n] = 0;
  fd = open(path, O_RDONLY);
  read(fd, b, sizeof b);
  struct stat st;
  fstat(fd, &st);
  int d = dup(fd);
  lseek(d, 0, SEEK_SET);
  close(fd);
  close(d);
  symlink("data.txt", "link");
  fd = open("link", O_RDONLY);
  pread(fd, b, 2, 0);
  close(fd);
  unlink("link");
  access("data.txt", R_OK);
  access("other", R_OK);
  int o = open("other", O_CREAT | O_WRONLY, 0600);
  write(o, "x", 1);
  close(o);
  unlink("other");
  fd = openat(AT_FDCWD, "data.txt", O_RDONLY);
  void *m = mmap(0, 3, PROT_READ, MAP_PRIVATE, fd, 0);
  munmap(m, 3);
  close(fd);
  unlink("data.txt");
  return 0;
}
