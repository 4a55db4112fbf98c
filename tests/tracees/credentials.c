/* Prints what the spawner's user and descriptor options left the program with: "uid=U gid=G groups=A,B" and
 * "fds=0,1,2,..." (the open descriptors, from /proc/self/fd, without the one opendir uses). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    gid_t groups[64];
    int n = getgroups(64, groups);
    if (n < 0) return 2;
    printf("uid=%u/%u gid=%u/%u groups=", getuid(), geteuid(), getgid(), getegid());
    for (int i = 0; i < n; i++) printf(i ? ",%u" : "%u", groups[i]);
    DIR *d = opendir("/proc/self/fd");
    if (!d) return 3;
    printf("\nfds=");
    int first = 1;
    for (struct dirent *e; (e = readdir(d));)
    {
        if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d)) continue;
        printf(first ? "%s" : ",%s", e->d_name);
        first = 0;
    }
    printf("\n");
    closedir(d);
    return 0;
}
