/* Exercises signal-delivery-stops: a handled SIGUSR1 (the handler writes "usr1 handled"), an ignored SIGUSR2,
 * a blocked SIGHUP that is raised while blocked and delivered only when unblocked (after "hup raised"), and a
 * SIGTERM with the default action, which kills the program unless the tracer suppresses it.
 * Every line goes to stdout with write(2); the last line is "survived SIGTERM". */
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void say(const char *s) { write(1, s, strlen(s)); }

static void on_usr1(int sig) { (void)sig; say("usr1 handled\n"); }
static void on_hup(int sig) { (void)sig; say("hup handled\n"); }

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGUSR2, SIG_IGN);
    sa.sa_handler = on_hup;
    sigaction(SIGHUP, &sa, NULL);

    raise(SIGUSR1);
    say("after usr1\n");
    raise(SIGUSR2);
    say("after usr2\n");

    sigset_t hup;
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    sigprocmask(SIG_BLOCK, &hup, NULL);
    raise(SIGHUP);
    say("hup raised\n");
    sigprocmask(SIG_UNBLOCK, &hup, NULL);
    say("hup unblocked\n");

    raise(SIGTERM);
    say("survived SIGTERM\n");
    return 0;
}
