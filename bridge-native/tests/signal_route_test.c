/*
 * Unit test of src/signal_guard.c (not shipped): after a "host" replaces the "JVM's" fault handlers,
 * the first entry into Java installs the dispatcher, and then
 *   - faults inside the JVM's library and in anonymous executable memory (JIT code) reach the JVM,
 *   - faults in the host executable, in libc, and signals sent with raise() reach the host.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void mf_signals_record_jvm(const void *address_inside_libjvm);
void mf_signals_before_java(void);

static sigjmp_buf host_resume;
static volatile int host_hits;

static void host_handler(int sig) {
    (void)sig;
    host_hits++;
    siglongjmp(host_resume, 1);
}

static int failures;
static void expect(const char *what, int jvm_before, int jvm_after, int host_before, int host_after, int want_jvm) {
    int went_jvm = jvm_after == jvm_before + 1 && host_after == host_before;
    int went_host = host_after == host_before + 1 && jvm_after == jvm_before;
    int ok = want_jvm ? went_jvm : went_host;
    printf("%s %s -> %s\n", ok ? "ok:" : "FAIL:", what, went_jvm ? "jvm" : went_host ? "host" : "nobody");
    if (!ok) failures++;
}

__attribute__((noinline)) static int host_null_read(volatile int *volatile p) { return *p; }

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    void *jvm = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (jvm == NULL) { fprintf(stderr, "%s\n", dlerror()); return 2; }
    void (*install)(void) = (void (*)(void))dlsym(jvm, "fake_jvm_install");
    int (*jvm_null_read)(int *volatile) = (int (*)(int *volatile))dlsym(jvm, "fake_jvm_null_read");
    int (*jvm_divide)(int, int) = (int (*)(int, int))dlsym(jvm, "fake_jvm_divide");
    sigjmp_buf *jvm_resume = dlsym(jvm, "fake_jvm_resume");
    volatile int *jvm_hits = dlsym(jvm, "fake_jvm_hits");

    install();
    mf_signals_record_jvm((const void *)install);

    /* the host's crash reporter arrives after the JVM */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = host_handler;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    mf_signals_before_java();

    /* x86-64: mov eax, [0] ; ret  -- code that lives in no loaded object, like JIT output */
    unsigned char code[] = {0x8b, 0x04, 0x25, 0x00, 0x00, 0x00, 0x00, 0xc3};
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int have_jit = page != MAP_FAILED;
    if (have_jit) memcpy(page, code, sizeof code);

    for (int scenario = 0; scenario < 6; scenario++) {
        int jb = *jvm_hits, hb = host_hits;
        if (sigsetjmp(*jvm_resume, 1) == 0 && sigsetjmp(host_resume, 1) == 0) {
            switch (scenario) {
            case 0: jvm_null_read(NULL); break;
            case 1: jvm_divide(1, 0); break;
            case 2: if (have_jit) ((int (*)(void))page)(); else { (*jvm_hits)++; } break;
            case 3: { volatile int sink = host_null_read(NULL); (void)sink; } break;
            case 4: { void *volatile p = NULL; memset(p, 1, 64); } break;
            case 5: raise(SIGSEGV); break;
            }
        }
        static const char *names[] = {"SIGSEGV in libjvm", "SIGFPE in libjvm", "SIGSEGV in JIT code",
                                      "SIGSEGV in host executable", "SIGSEGV in libc", "raise(SIGSEGV)"};
        expect(names[scenario], jb, *jvm_hits, hb, host_hits, scenario <= 2);
    }
    return failures == 0 ? 0 : 1;
}
