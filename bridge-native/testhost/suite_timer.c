/*
 * Splitting a render call's time between the plugin and the host (--bench-split).
 *
 * The chain budget is about the plugin's own cost per render call: the shim, the JVM transitions and
 * the Java code, not the time the host's suite functions take to answer (that is the host's work, and
 * an editor's differs from ours). So, when asked, fetchSuite hands out copies of the property,
 * image-effect and parameter suites whose members time the real ones, and act() times each mainEntry
 * call. Per render call: plugin = time inside mainEntry - time inside the host's suite functions.
 *
 * Ticks come from the CPU's time-stamp counter (a few ns a read; clock_gettime would add ~20 ns to each
 * of some 40 suite calls), converted with a rate calibrated against CLOCK_MONOTONIC. The counters are
 * per thread: the bench renders on one thread and the chain runs synchronously on it.
 *
 * Not timed (their time counts as the plugin's): the variadic setters, derivative and integral, and the
 * memory, multithread, message, progress and timeline suites. None of them is on the render path.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <time.h>

#include "host.h"

static int enabled;
static double ticks_per_us = 1.0;
static __thread uint64_t suite_ticks;    /* inside the host's suite functions */
static __thread uint64_t action_ticks;   /* inside the plugin's mainEntry */

static inline uint64_t ticks(void) {
#if defined(__x86_64__)
    return __builtin_ia32_rdtsc();
#elif defined(__aarch64__)
    uint64_t v;
    __asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
    return v;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}

static double monotonic_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int suite_timer_enabled(void) { return enabled; }

void suite_timer_reset(void) { suite_ticks = 0; action_ticks = 0; }

double suite_timer_suite_us(void) { return (double)suite_ticks / ticks_per_us; }

double suite_timer_action_us(void) { return (double)action_ticks / ticks_per_us; }

OfxStatus suite_timer_main_entry(OfxPlugin *p, const char *action, const void *handle, OfxPropertySetHandle in,
                                 OfxPropertySetHandle out) {
    if (!enabled) return p->mainEntry(action, handle, in, out);
    uint64_t t0 = ticks();
    OfxStatus st = p->mainEntry(action, handle, in, out);
    action_ticks += ticks() - t0;
    return st;
}

/* One timed wrapper per member: T(suite, member, (params), (args)). */
#define TIMED(suite, member, params, args)                  \
    static OfxStatus timed_##member params {                \
        uint64_t t0 = ticks();                              \
        OfxStatus st = suite.member args;                   \
        suite_ticks += ticks() - t0;                        \
        return st;                                          \
    }

typedef OfxPropertySetHandle PS;
TIMED(mf_property_suite, propSetPointer, (PS h, const char *n, int i, void *v), (h, n, i, v))
TIMED(mf_property_suite, propSetString, (PS h, const char *n, int i, const char *v), (h, n, i, v))
TIMED(mf_property_suite, propSetDouble, (PS h, const char *n, int i, double v), (h, n, i, v))
TIMED(mf_property_suite, propSetInt, (PS h, const char *n, int i, int v), (h, n, i, v))
TIMED(mf_property_suite, propSetPointerN, (PS h, const char *n, int c, void *const *v), (h, n, c, v))
TIMED(mf_property_suite, propSetStringN, (PS h, const char *n, int c, const char *const *v), (h, n, c, v))
TIMED(mf_property_suite, propSetDoubleN, (PS h, const char *n, int c, const double *v), (h, n, c, v))
TIMED(mf_property_suite, propSetIntN, (PS h, const char *n, int c, const int *v), (h, n, c, v))
TIMED(mf_property_suite, propGetPointer, (PS h, const char *n, int i, void **v), (h, n, i, v))
TIMED(mf_property_suite, propGetString, (PS h, const char *n, int i, char **v), (h, n, i, v))
TIMED(mf_property_suite, propGetDouble, (PS h, const char *n, int i, double *v), (h, n, i, v))
TIMED(mf_property_suite, propGetInt, (PS h, const char *n, int i, int *v), (h, n, i, v))
TIMED(mf_property_suite, propGetPointerN, (PS h, const char *n, int c, void **v), (h, n, c, v))
TIMED(mf_property_suite, propGetStringN, (PS h, const char *n, int c, char **v), (h, n, c, v))
TIMED(mf_property_suite, propGetDoubleN, (PS h, const char *n, int c, double *v), (h, n, c, v))
TIMED(mf_property_suite, propGetIntN, (PS h, const char *n, int c, int *v), (h, n, c, v))
TIMED(mf_property_suite, propReset, (PS h, const char *n), (h, n))
TIMED(mf_property_suite, propGetDimension, (PS h, const char *n, int *c), (h, n, c))

const OfxPropertySuiteV1 mf_timed_property_suite = {
    timed_propSetPointer, timed_propSetString, timed_propSetDouble, timed_propSetInt,
    timed_propSetPointerN, timed_propSetStringN, timed_propSetDoubleN, timed_propSetIntN,
    timed_propGetPointer, timed_propGetString, timed_propGetDouble, timed_propGetInt,
    timed_propGetPointerN, timed_propGetStringN, timed_propGetDoubleN, timed_propGetIntN,
    timed_propReset, timed_propGetDimension,
};

typedef OfxImageEffectHandle FX;
TIMED(mf_image_effect_suite, getPropertySet, (FX e, PS *o), (e, o))
TIMED(mf_image_effect_suite, getParamSet, (FX e, OfxParamSetHandle *o), (e, o))
TIMED(mf_image_effect_suite, clipDefine, (FX e, const char *n, PS *o), (e, n, o))
TIMED(mf_image_effect_suite, clipGetHandle, (FX e, const char *n, OfxImageClipHandle *c, PS *o), (e, n, c, o))
TIMED(mf_image_effect_suite, clipGetPropertySet, (OfxImageClipHandle c, PS *o), (c, o))
TIMED(mf_image_effect_suite, clipGetImage, (OfxImageClipHandle c, OfxTime t, const OfxRectD *r, PS *o), (c, t, r, o))
TIMED(mf_image_effect_suite, clipReleaseImage, (PS h), (h))
TIMED(mf_image_effect_suite, clipGetRegionOfDefinition, (OfxImageClipHandle c, OfxTime t, OfxRectD *r), (c, t, r))
TIMED(mf_image_effect_suite, abort, (FX e), (e))
TIMED(mf_image_effect_suite, imageMemoryAlloc, (FX e, size_t n, OfxImageMemoryHandle *o), (e, n, o))
TIMED(mf_image_effect_suite, imageMemoryFree, (OfxImageMemoryHandle m), (m))
TIMED(mf_image_effect_suite, imageMemoryLock, (OfxImageMemoryHandle m, void **o), (m, o))
TIMED(mf_image_effect_suite, imageMemoryUnlock, (OfxImageMemoryHandle m), (m))

const OfxImageEffectSuiteV1 mf_timed_image_effect_suite = {
    timed_getPropertySet, timed_getParamSet, timed_clipDefine, timed_clipGetHandle, timed_clipGetPropertySet,
    timed_clipGetImage, timed_clipReleaseImage, timed_clipGetRegionOfDefinition, timed_abort,
    timed_imageMemoryAlloc, timed_imageMemoryFree, timed_imageMemoryLock, timed_imageMemoryUnlock,
};

typedef OfxParamHandle PH;
TIMED(mf_parameter_suite, paramDefine, (OfxParamSetHandle s, const char *t, const char *n, PS *o), (s, t, n, o))
TIMED(mf_parameter_suite, paramGetHandle, (OfxParamSetHandle s, const char *n, PH *h, PS *o), (s, n, h, o))
TIMED(mf_parameter_suite, paramSetGetPropertySet, (OfxParamSetHandle s, PS *o), (s, o))
TIMED(mf_parameter_suite, paramGetPropertySet, (PH h, PS *o), (h, o))
TIMED(mf_parameter_suite, paramGetNumKeys, (PH h, unsigned int *n), (h, n))
TIMED(mf_parameter_suite, paramGetKeyTime, (PH h, unsigned int k, OfxTime *t), (h, k, t))
TIMED(mf_parameter_suite, paramGetKeyIndex, (PH h, OfxTime t, int d, int *i), (h, t, d, i))
TIMED(mf_parameter_suite, paramDeleteKey, (PH h, OfxTime t), (h, t))
TIMED(mf_parameter_suite, paramDeleteAllKeys, (PH h), (h))
TIMED(mf_parameter_suite, paramCopy, (PH to, PH from, OfxTime o, const OfxRangeD *r), (to, from, o, r))
TIMED(mf_parameter_suite, paramEditBegin, (OfxParamSetHandle s, const char *n), (s, n))
TIMED(mf_parameter_suite, paramEditEnd, (OfxParamSetHandle s), (s))

/* The two value getters are variadic: forwarded through the va_list forms in params.c. */
static OfxStatus timed_paramGetValue(PH h, ...) {
    uint64_t t0 = ticks();
    va_list ap;
    va_start(ap, h);
    OfxStatus st = mf_param_get_value_v(h, ap);
    va_end(ap);
    suite_ticks += ticks() - t0;
    return st;
}

static OfxStatus timed_paramGetValueAtTime(PH h, OfxTime t, ...) {
    uint64_t t0 = ticks();
    va_list ap;
    va_start(ap, t);
    OfxStatus st = mf_param_get_value_at_time_v(h, t, ap);
    va_end(ap);
    suite_ticks += ticks() - t0;
    return st;
}

/* Not const: the untimed variadic members are copied in by suite_timer_enable. */
OfxParameterSuiteV1 mf_timed_parameter_suite = {
    timed_paramDefine, timed_paramGetHandle, timed_paramSetGetPropertySet, timed_paramGetPropertySet,
    timed_paramGetValue, timed_paramGetValueAtTime,
    NULL, NULL, NULL, NULL,     /* derivative, integral, setValue, setValueAtTime: see suite_timer_enable */
    timed_paramGetNumKeys, timed_paramGetKeyTime, timed_paramGetKeyIndex, timed_paramDeleteKey,
    timed_paramDeleteAllKeys, timed_paramCopy, timed_paramEditBegin, timed_paramEditEnd,
};

void suite_timer_enable(void) {
    /* 20 ms of calibration: the tick rate to 0.1 % or better. */
    double u0 = monotonic_us();
    uint64_t k0 = ticks();
    while (monotonic_us() - u0 < 20000.0) {
    }
    double u1 = monotonic_us();
    uint64_t k1 = ticks();
    ticks_per_us = (double)(k1 - k0) / (u1 - u0);
    mf_timed_parameter_suite.paramGetDerivative = mf_parameter_suite.paramGetDerivative;
    mf_timed_parameter_suite.paramGetIntegral = mf_parameter_suite.paramGetIntegral;
    mf_timed_parameter_suite.paramSetValue = mf_parameter_suite.paramSetValue;
    mf_timed_parameter_suite.paramSetValueAtTime = mf_parameter_suite.paramSetValueAtTime;
    enabled = 1;
}
