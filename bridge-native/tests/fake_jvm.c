/*
 * Stand-in for libjvm in signal_route_test (not shipped): a shared object that installs a SIGSEGV/
 * SIGFPE handler the way HotSpot does (SA_SIGINFO) and that can fault "inside the JVM".
 */
#include <setjmp.h>
#include <signal.h>
#include <string.h>

sigjmp_buf fake_jvm_resume;
volatile int fake_jvm_hits;

static void jvm_handler(int sig, siginfo_t *info, void *context) {
    (void)sig; (void)info; (void)context;
    fake_jvm_hits++;
    siglongjmp(fake_jvm_resume, 1);     /* HotSpot would turn it into an exception and resume */
}

void fake_jvm_install(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = jvm_handler;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigfillset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
}

int fake_jvm_null_read(int *volatile p) { return *p; }
int fake_jvm_divide(volatile int a, volatile int b) { return a / b; }
