/*
 * Keeping the JVM's fault handlers in charge of the JVM's own faults ("host never dies").
 *
 * The problem. HotSpot uses synchronous signals as part of normal execution: SIGSEGV for implicit
 * null checks, safepoint polls and stack banging in compiled/interpreted code, SIGFPE for integer
 * division by zero, SIGBUS for faulting mapped-buffer access. It installs its handlers when it is
 * created and chains (for faults that are not its own) only to the handlers it saw at that moment.
 * An editor that installs a crash reporter AFTER our JVM started replaces those handlers; the next
 * NullPointerException inside Java then lands in the crash reporter and the editor dies.
 *
 * Why not "swap the JVM's handler in for the duration of each call" (reference counted)? Java also
 * runs on threads that never pass through the shim (JIT compiler, GC, pools created by Java code),
 * and host threads outside Java keep running while another thread is inside Java. With swapping,
 * a Java thread faulting outside a call window still kills the host, and a genuine host crash on
 * another thread during a window goes to the JVM (hs_err + abort) instead of the host's reporter.
 *
 * The scheme used here: route by WHERE the fault happened, not by WHEN.
 *  - Right after the JVM is created or attached we record its handlers (the "JVM handlers").
 *  - At every entry into Java we check whether the host has replaced one of them: SIGSEGV (the signal
 *    of implicit null checks and safepoint polls, and the first one a crash reporter takes) on every
 *    entry; all four when SIGSEGV changed, or when 20 ms have passed since the last full check. Each
 *    check is a sigaction system call, and a render makes four entries per frame (region of definition,
 *    regions of interest, is-identity, render): 16 system calls per frame were about a tenth of the
 *    whole host -> Java chain. If a handler was replaced we remember the host's handler and install our
 *    dispatcher in its place.
 *    The dispatcher stays installed; there is nothing to restore and no counting across threads.
 *  - The dispatcher looks at the faulting program counter:
 *      * PC in libjvm, or in no loaded object at all (JIT code, interpreter, stubs all live in the
 *        JVM's anonymous code cache)  -> the JVM's handler. These are the JVM's own faults; for
 *        the rare real crash there, the JVM writes hs_err and then calls the handlers it chains to.
 *      * PC in any other object (the host executable, libc, ONNX Runtime, the GPU driver ...) or a
 *        signal sent with kill/raise -> the host's handler, i.e. the editor's crash reporter runs
 *        for a real crash, even when the crash happens during a call into Java.
 *    Lookups use _dl_find_object (glibc >= 2.35), which is async-signal-safe and lock free.
 *  - If the host later re-installs its handler again, the next entry notices and re-installs ours.
 *
 * What remains: between the moment the host replaces a handler and the next call into Java, a JVM
 * fault on a Java-only thread would still reach the host's handler. Hosts install crash reporters
 * at start-up (before our JVM exists; then HotSpot chains to them itself and nothing here is
 * needed) or rarely; the window closes at the next action (for SIGBUS, SIGFPE and SIGILL replaced without
 * SIGSEGV: at the first action 20 ms after the last full check). LD_PRELOAD=libjsig.so closes it fully.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>

#include "shim_internal.h"

#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 35))
#define MF_HAVE_DL_FIND_OBJECT 1
#endif

/* SIGSEGV first: it is checked on every entry (slots[0]), the others less often. */
static const int guarded_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
#define GUARDED_COUNT ((int)(sizeof guarded_signals / sizeof guarded_signals[0]))

typedef struct {
    struct sigaction jvm;                 /* recorded right after JVM creation/attach */
    struct sigaction *host;               /* published atomically; never freed (few, tiny) */
    int dispatcher_installed;
} GuardSlot;

static GuardSlot slots[GUARDED_COUNT];
static int recorded;
static const void *libjvm_start;          /* identity of libjvm's mapping */
static pthread_mutex_t guard_lock = PTHREAD_MUTEX_INITIALIZER;

static void dispatcher(int sig, siginfo_t *info, void *context);

static int slot_index(int sig) {
    for (int i = 0; i < GUARDED_COUNT; i++) if (guarded_signals[i] == sig) return i;
    return -1;
}

static const void *object_start(const void *pc) {
#ifdef MF_HAVE_DL_FIND_OBJECT
    struct dl_find_object found;
    if (_dl_find_object((void *)pc, &found) != 0) return NULL;
    return found.dlfo_map_start;
#else
    Dl_info info;                         /* older glibc: dladdr (takes the loader lock) */
    if (dladdr(pc, &info) == 0) return NULL;
    return info.dli_fbase;
#endif
}

static const void *fault_pc(void *context) {
    const ucontext_t *uc = (const ucontext_t *)context;
#if defined(__x86_64__)
    return (const void *)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    return (const void *)uc->uc_mcontext.pc;
#else
    (void)uc;
    return NULL;
#endif
}

/* True when the fault is the JVM's business: PC inside libjvm or inside no mapped object. */
static int belongs_to_jvm(const siginfo_t *info, void *context) {
    if (info != NULL && info->si_code <= 0) return 0;     /* kill(), raise(), sigqueue() */
    const void *pc = fault_pc(context);
    if (pc == NULL) return 1;
    const void *start = object_start(pc);
    return start == NULL || start == libjvm_start;
}

static void invoke(const struct sigaction *target, int sig, siginfo_t *info, void *context) {
    if (target->sa_flags & SA_SIGINFO) {
        target->sa_sigaction(sig, info, context);
        return;
    }
    if (target->sa_handler == SIG_IGN && info != NULL && info->si_code <= 0) return;
    if (target->sa_handler == SIG_DFL || target->sa_handler == SIG_IGN) {
        /* Let the default action happen: the faulting instruction re-executes and the process
         * terminates with the right signal (and a core file where enabled). */
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigaction(sig, &dfl, NULL);
        if (info == NULL || info->si_code <= 0) raise(sig);
        return;
    }
    target->sa_handler(sig);
}

static void dispatcher(int sig, siginfo_t *info, void *context) {
    int i = slot_index(sig);
    if (i < 0) return;
    const struct sigaction *host = __atomic_load_n(&slots[i].host, __ATOMIC_ACQUIRE);
    if (host == NULL || belongs_to_jvm(info, context)) invoke(&slots[i].jvm, sig, info, context);
    else invoke(host, sig, info, context);
}

static int same_handler(const struct sigaction *a, const struct sigaction *b) {
    if ((a->sa_flags & SA_SIGINFO) != (b->sa_flags & SA_SIGINFO)) return 0;
    return (a->sa_flags & SA_SIGINFO) ? a->sa_sigaction == b->sa_sigaction : a->sa_handler == b->sa_handler;
}

static int is_dispatcher(const struct sigaction *a) {
    return (a->sa_flags & SA_SIGINFO) && a->sa_sigaction == dispatcher;
}

void mf_signals_record_jvm(const void *address_inside_libjvm) {
    pthread_mutex_lock(&guard_lock);
    if (!recorded) {
        libjvm_start = object_start(address_inside_libjvm);
        for (int i = 0; i < GUARDED_COUNT; i++) sigaction(guarded_signals[i], NULL, &slots[i].jvm);
        __atomic_store_n(&recorded, 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&guard_lock);
}

/* The last full check of every guarded signal (CLOCK_MONOTONIC_COARSE, ns); see the header comment. */
static long long last_full_check_ns;
#define FULL_CHECK_INTERVAL_NS 20000000LL

static int segv_replaced(void) {
    struct sigaction current;
    return sigaction(SIGSEGV, NULL, &current) == 0 && !is_dispatcher(&current)
           && !same_handler(&current, &slots[0].jvm);
}

void mf_signals_before_java(void) {
    if (!__atomic_load_n(&recorded, __ATOMIC_ACQUIRE)) return;
    if (!segv_replaced()) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);   /* vDSO: no system call */
        long long now = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
        long long last = __atomic_load_n(&last_full_check_ns, __ATOMIC_RELAXED);
        if (last != 0 && now - last < FULL_CHECK_INTERVAL_NS) return;
        __atomic_store_n(&last_full_check_ns, now, __ATOMIC_RELAXED);
    }
    for (int i = 0; i < GUARDED_COUNT; i++) {
        struct sigaction current;
        if (sigaction(guarded_signals[i], NULL, &current) != 0) continue;
        if (is_dispatcher(&current) || same_handler(&current, &slots[i].jvm)) continue;

        /* The host replaced the JVM's handler since we last looked. */
        pthread_mutex_lock(&guard_lock);
        if (sigaction(guarded_signals[i], NULL, &current) == 0 && !is_dispatcher(&current)
            && !same_handler(&current, &slots[i].jvm)) {
            struct sigaction *host = malloc(sizeof *host);
            if (host != NULL) {
                *host = current;
                __atomic_store_n(&slots[i].host, host, __ATOMIC_RELEASE);
                struct sigaction ours;
                memset(&ours, 0, sizeof ours);
                ours.sa_sigaction = dispatcher;
                ours.sa_mask = slots[i].jvm.sa_mask;
                /* The JVM's flags (it runs inside us), plus an alternate stack if the host's
                 * reporter relies on one to survive stack overflows. */
                ours.sa_flags = (slots[i].jvm.sa_flags | SA_SIGINFO | (current.sa_flags & SA_ONSTACK))
                                & ~(SA_RESETHAND | SA_NODEFER);
                sigaction(guarded_signals[i], &ours, NULL);
                if (!slots[i].dispatcher_installed) {
                    fprintf(stderr, "ManyFaces: the host replaced the JVM's %s handler; routing JVM faults "
                                    "to the JVM and other faults to the host's handler\n",
                            strsignal(guarded_signals[i]));
                }
                slots[i].dispatcher_installed = 1;
            }
        }
        pthread_mutex_unlock(&guard_lock);
    }
}
