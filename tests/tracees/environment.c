/* Prints what SpawnOptions prepared before exec: the working directory, the PTRACER_TEST_VAR environment
 * variable and the RLIMIT_NOFILE soft/hard limits, one "key=value" line each. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

int main(void)
{
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) return 2;
    const char *var = getenv("PTRACER_TEST_VAR");
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return 3;
    printf("cwd=%s\n", cwd);
    printf("var=%s\n", var ? var : "(unset)");
    printf("nofile=%llu/%llu\n", (unsigned long long)rl.rlim_cur, (unsigned long long)rl.rlim_max);
    return 0;
}
