/*
 * The host descriptor, fetchSuite, and the smaller suites: memory, multithread (real pthreads,
 * recursive mutexes), message V1/V2 (printed on stdout), progress V1/V2 and timeline (minimal).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"

HostQuirks quirks = {.abort_frame = -1};

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
void host_out_lock(void) { pthread_mutex_lock(&out_lock); }
void host_out_unlock(void) { pthread_mutex_unlock(&out_lock); }

/* ------------------------------------------------------------------ host descriptor */

static PropSet *host_props;
static pthread_once_t host_props_once = PTHREAD_ONCE_INIT;

static void make_host_props(void) {
    PropSet *ps = ps_new();
    int api[2] = {1, 4}, version[3] = {1, 0, 0}, rowcol[2] = {0, 0};
    const char *depths[] = {kOfxBitDepthByte, kOfxBitDepthFloat};
    const char *comps[] = {kOfxImageComponentRGBA, kOfxImageComponentRGB};
    const char *contexts[] = {kOfxImageEffectContextFilter, kOfxImageEffectContextGeneral};
    const char *name = quirks.host_name != NULL ? quirks.host_name : "org.manyfaces.TestHost";
    if (quirks.sparse_host_props) {
        /* A host that says almost nothing (MLT): its name, depths, components and multiple clip depths. */
        ps_def_string(ps, kOfxPropName, name);
        ps_def_strings(ps, kOfxImageEffectPropSupportedComponents, -1, 2, comps);
        ps_def_strings(ps, kOfxImageEffectPropSupportedPixelDepths, -1, 2, depths);
        ps_def_int(ps, kOfxImageEffectPropSupportsMultipleClipDepths, 1);
        host_props = ps;
        return;
    }
    ps_def_string(ps, kOfxPropType, kOfxTypeImageEffectHost);
    ps_def_string(ps, kOfxPropName, name);
    ps_def_string(ps, kOfxPropLabel, "ManyFaces Test Host");
    ps_def_ints(ps, kOfxPropAPIVersion, -1, 2, api);
    ps_def_ints(ps, kOfxPropVersion, -1, 3, version);
    ps_def_string(ps, kOfxPropVersionLabel, "1.0.0");
    ps_def_int(ps, kOfxImageEffectHostPropIsBackground, 1);
    ps_def_int(ps, kOfxImageEffectPropSupportsOverlays, 0);
    ps_def_int(ps, kOfxImageEffectPropSupportsMultiResolution, quirks.no_multires ? 0 : 1);
    ps_def_int(ps, kOfxImageEffectPropSupportsTiles, 0);
    /* This host hands out any frame of the clip to effects that declare temporal clip access. */
    ps_def_int(ps, kOfxImageEffectPropTemporalClipAccess, quirks.no_temporal ? 0 : 1);
    ps_def_strings(ps, kOfxImageEffectPropSupportedComponents, -1, 2, comps);
    ps_def_strings(ps, kOfxImageEffectPropSupportedContexts, -1, 2, contexts);
    ps_def_strings(ps, kOfxImageEffectPropSupportedPixelDepths, -1, 2, depths);
    ps_def_int(ps, kOfxImageEffectPropSupportsMultipleClipDepths, 0);
    ps_def_int(ps, kOfxImageEffectPropSupportsMultipleClipPARs, 0);
    ps_def_int(ps, kOfxImageEffectPropSetableFrameRate, 0);
    ps_def_int(ps, kOfxImageEffectPropSetableFielding, 0);
    ps_def_int(ps, kOfxParamHostPropSupportsCustomInteract, 0);
    ps_def_int(ps, kOfxParamHostPropSupportsStringAnimation, 0);
    ps_def_int(ps, kOfxParamHostPropSupportsChoiceAnimation, 0);
    ps_def_int(ps, kOfxParamHostPropSupportsBooleanAnimation, 0);
    ps_def_int(ps, kOfxParamHostPropSupportsCustomAnimation, 0);
    ps_def_int(ps, "OfxParamHostPropSupportsStrChoice", 0);
    ps_def_int(ps, "OfxParamHostPropSupportsStrChoiceAnimation", 0);
    ps_def_int(ps, "OfxParamHostPropSupportsParametricAnimation", 0);
    ps_def_int(ps, kOfxParamHostPropMaxParameters, -1);
    ps_def_int(ps, kOfxParamHostPropMaxPages, 0);
    ps_def_ints(ps, kOfxParamHostPropPageRowColumnCount, 2, 2, rowcol);
    ps_def_string(ps, kOfxImageEffectHostPropNativeOrigin, "kOfxImageEffectHostPropNativeOriginBottomLeft");
    ps_def_string(ps, "OfxImageEffectPropOpenGLRenderSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropCudaRenderSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropCudaStreamSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropMetalRenderSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropOpenCLRenderSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropOpenCLSupported", "false");
    ps_def_int(ps, "OfxImageEffectInstancePropSequentialRender", 0);
    host_props = ps;
}

PropSet *host_properties(void) {
    pthread_once(&host_props_once, make_host_props);
    return host_props;
}

/* ------------------------------------------------------------------ memory */

static OfxStatus memoryAlloc(void *handle, size_t n, void **out) {
    (void)handle;
    if (out == NULL) return kOfxStatErrValue;
    if (posix_memalign(out, 64, n ? n : 1) != 0) { *out = NULL; return kOfxStatErrMemory; }
    return kOfxStatOK;
}

static OfxStatus memoryFree(void *data) { free(data); return kOfxStatOK; }

const OfxMemorySuiteV1 mf_memory_suite = {memoryAlloc, memoryFree};

/* ------------------------------------------------------------------ multithread */

static __thread int spawned_thread;
static __thread unsigned int spawned_index;

typedef struct {
    OfxThreadFunctionV1 *fn;
    unsigned int index, count;
    void *arg;
} ThreadJob;

static void *thread_main(void *p) {
    ThreadJob *job = p;
    spawned_thread = 1;
    spawned_index = job->index;
    job->fn(job->index, job->count, job->arg);
    return NULL;
}

static OfxStatus multiThreadNumCPUs(unsigned int *n) {
    if (n == NULL) return kOfxStatErrValue;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    *n = cpus > 0 ? (unsigned)cpus : 1;
    return kOfxStatOK;
}

static OfxStatus multiThread(OfxThreadFunctionV1 *fn, unsigned int n, void *arg) {
    if (fn == NULL) return kOfxStatErrValue;
    if (n == 0) multiThreadNumCPUs(&n);
    if (n == 1) {                              /* run inline, as hosts do for a single thread */
        int was = spawned_thread;
        unsigned idx = spawned_index;
        spawned_thread = 1;
        spawned_index = 0;
        fn(0, 1, arg);
        spawned_thread = was;
        spawned_index = idx;
        return kOfxStatOK;
    }
    pthread_t *threads = calloc(n, sizeof *threads);
    ThreadJob *jobs = calloc(n, sizeof *jobs);
    if (threads == NULL || jobs == NULL) { free(threads); free(jobs); return kOfxStatErrMemory; }
    unsigned started = 0;
    for (unsigned i = 0; i < n; i++) {
        jobs[i] = (ThreadJob){fn, i, n, arg};
        if (pthread_create(&threads[i], NULL, thread_main, &jobs[i]) != 0) break;
        started++;
    }
    for (unsigned i = 0; i < started; i++) pthread_join(threads[i], NULL);
    free(threads);
    free(jobs);
    return started == n ? kOfxStatOK : kOfxStatFailed;
}

static OfxStatus multiThreadIndex(unsigned int *i) {
    if (i == NULL) return kOfxStatErrValue;
    *i = spawned_thread ? spawned_index : 0;
    return kOfxStatOK;
}

static int multiThreadIsSpawnedThread(void) { return spawned_thread; }

static OfxStatus mutexCreate(OfxMutexHandle *out, int lock_count) {
    if (out == NULL) return kOfxStatErrValue;
    pthread_mutex_t *m = malloc(sizeof *m);
    if (m == NULL) return kOfxStatErrMemory;
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(m, &attr);
    pthread_mutexattr_destroy(&attr);
    for (int i = 0; i < lock_count; i++) pthread_mutex_lock(m);
    *out = (OfxMutexHandle)m;
    return kOfxStatOK;
}

static OfxStatus mutexDestroy(OfxMutexHandle h) {
    if (h == NULL) return kOfxStatErrBadHandle;
    pthread_mutex_destroy((pthread_mutex_t *)h);
    free(h);
    return kOfxStatOK;
}

static OfxStatus mutexLock(OfxMutexHandle h) {
    if (h == NULL) return kOfxStatErrBadHandle;
    return pthread_mutex_lock((pthread_mutex_t *)h) == 0 ? kOfxStatOK : kOfxStatFailed;
}

static OfxStatus mutexUnLock(OfxMutexHandle h) {
    if (h == NULL) return kOfxStatErrBadHandle;
    return pthread_mutex_unlock((pthread_mutex_t *)h) == 0 ? kOfxStatOK : kOfxStatFailed;
}

static OfxStatus mutexTryLock(OfxMutexHandle h) {
    if (h == NULL) return kOfxStatErrBadHandle;
    return pthread_mutex_trylock((pthread_mutex_t *)h) == 0 ? kOfxStatOK : kOfxStatFailed;
}

const OfxMultiThreadSuiteV1 mf_multithread_suite = {
    multiThread, multiThreadNumCPUs, multiThreadIndex, multiThreadIsSpawnedThread,
    mutexCreate, mutexDestroy, mutexLock, mutexUnLock, mutexTryLock,
};

/* ------------------------------------------------------------------ messages */

static OfxStatus print_message(const char *kind, const char *type, const char *id, const char *format, va_list ap) {
    if (type == NULL || format == NULL) return kOfxStatErrValue;
    char *text = NULL;
    if (vasprintf(&text, format, ap) < 0) return kOfxStatErrMemory;
    for (char *c = text; *c; c++) if (*c == '\n') *c = ' ';
    host_out_lock();
    printf("%s type=%s id=%s text=%s\n", kind, type, id != NULL ? id : "", text);
    fflush(stdout);
    host_out_unlock();
    free(text);
    /* A background host cannot answer questions. */
    return strcmp(type, kOfxMessageQuestion) == 0 ? kOfxStatErrUnsupported : kOfxStatOK;
}

static OfxStatus message(void *handle, const char *type, const char *id, const char *format, ...) {
    (void)handle;
    va_list ap;
    va_start(ap, format);
    OfxStatus st = print_message("message", type, id, format, ap);
    va_end(ap);
    return st;
}

static OfxStatus setPersistentMessage(void *handle, const char *type, const char *id, const char *format, ...) {
    (void)handle;
    va_list ap;
    va_start(ap, format);
    OfxStatus st = print_message("persistent", type, id, format, ap);
    va_end(ap);
    return st;
}

static OfxStatus clearPersistentMessage(void *handle) {
    (void)handle;
    host_out_lock();
    printf("persistent cleared\n");
    fflush(stdout);
    host_out_unlock();
    return kOfxStatOK;
}

const OfxMessageSuiteV1 mf_message_suite_v1 = {message};
const OfxMessageSuiteV2 mf_message_suite_v2 = {message, setPersistentMessage, clearPersistentMessage};

/* ------------------------------------------------------------------ progress and timeline */

static OfxStatus progressStartV1(void *instance, const char *label) { (void)instance; (void)label; return kOfxStatOK; }
static OfxStatus progressStartV2(void *instance, const char *msg, const char *id) { (void)instance; (void)msg; (void)id; return kOfxStatOK; }
static OfxStatus progressUpdate(void *instance, double progress) { (void)instance; (void)progress; return kOfxStatOK; }
static OfxStatus progressEnd(void *instance) { (void)instance; return kOfxStatOK; }

const OfxProgressSuiteV1 mf_progress_suite_v1 = {progressStartV1, progressUpdate, progressEnd};
const OfxProgressSuiteV2 mf_progress_suite_v2 = {progressStartV2, progressUpdate, progressEnd};

static Effect *as_effect(void *h) {
    Effect *e = h;
    return (e != NULL && e->magic == MF_MAGIC_EFFECT) ? e : NULL;
}

static OfxStatus getTime(void *instance, double *t) {
    Effect *e = as_effect(instance);
    if (e == NULL) return kOfxStatErrBadHandle;
    if (t == NULL) return kOfxStatErrValue;
    *t = e->current_time;
    return kOfxStatOK;
}

static OfxStatus gotoTime(void *instance, double t) {
    Effect *e = as_effect(instance);
    if (e == NULL) return kOfxStatErrBadHandle;
    e->current_time = t;
    return kOfxStatOK;
}

static OfxStatus getTimeBounds(void *instance, double *first, double *last) {
    Effect *e = as_effect(instance);
    if (e == NULL || e->cfg == NULL) return kOfxStatErrBadHandle;
    if (first == NULL || last == NULL) return kOfxStatErrValue;
    *first = e->cfg->first_frame;
    *last = e->cfg->last_frame;
    return kOfxStatOK;
}

const OfxTimeLineSuiteV1 mf_timeline_suite = {getTime, gotoTime, getTimeBounds};

/* ------------------------------------------------------------------ fetchSuite */

const void *host_fetch_suite(OfxPropertySetHandle host, const char *name, int version) {
    (void)host;
    if (name == NULL) return NULL;
    int timed = suite_timer_enabled();
    if (strcmp(name, kOfxPropertySuite) == 0 && version == 1) return timed ? &mf_timed_property_suite : &mf_property_suite;
    if (strcmp(name, kOfxImageEffectSuite) == 0 && version == 1) {
        return timed ? &mf_timed_image_effect_suite : &mf_image_effect_suite;
    }
    if (strcmp(name, kOfxParameterSuite) == 0 && version == 1) return timed ? &mf_timed_parameter_suite : &mf_parameter_suite;
    if (strcmp(name, kOfxMemorySuite) == 0 && version == 1) return &mf_memory_suite;
    if (strcmp(name, kOfxMultiThreadSuite) == 0 && version == 1) return &mf_multithread_suite;
    if (strcmp(name, kOfxMessageSuite) == 0 && quirks.no_message_suite) return NULL;
    if (strcmp(name, kOfxMessageSuite) == 0 && version == 1) return &mf_message_suite_v1;
    if (strcmp(name, kOfxMessageSuite) == 0 && version == 2) return &mf_message_suite_v2;
    if (strcmp(name, kOfxProgressSuite) == 0 && version == 1) return &mf_progress_suite_v1;
    if (strcmp(name, kOfxProgressSuite) == 0 && version == 2) return &mf_progress_suite_v2;
    if (strcmp(name, kOfxTimeLineSuite) == 0 && version == 1) return &mf_timeline_suite;
    return NULL;
}
