/* Exercises group-stop under ptrace: the program stops itself with raise(SIGSTOP) and must stay stopped
 * (as it would without a tracer) until someone sends SIGCONT; then it writes "continued\n" and exits 0. */
#include <signal.h>
#include <unistd.h>

int main(void)
{
    write(1, "stopping\n", 9);
    raise(SIGSTOP);
    write(1, "continued\n", 10);
    return 0;
}
