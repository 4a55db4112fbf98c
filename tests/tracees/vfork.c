/* Exercises PTRACE_O_TRACEVFORK: vfork, the child executes /bin/true while the parent is suspended, then the
 * parent resumes and waits for it. Exits 0 only if the child exited 0. */
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    pid_t pid = vfork();
    if (pid < 0) return 2;
    if (pid == 0) {
        char *argv[] = { "true", NULL };
        char *envp[] = { NULL };
        execve("/bin/true", argv, envp);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) return 3;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 4;
}
