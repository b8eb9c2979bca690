/*
 * Non-variadic exports that reach the host's VARIADIC suite functions; Java calls them through the JNI
 * natives in jni_calls.c. Each one calls the host's function pointer through a correctly typed
 * variadic pointer type, so the compiler emits the real variadic calling convention (on x86-64
 * SysV: %al = number of vector registers; on Apple arm64: every variadic argument on the stack).
 * A JNA call with a non-variadic prototype would only work on some ABIs by accident.
 */
#include "shim_internal.h"

#define MF_EXPORT __attribute__((visibility("default")))

typedef OfxStatus (*ParamGetFn)(OfxParamHandle, ...);
typedef OfxStatus (*ParamGetAtTimeFn)(OfxParamHandle, OfxTime, ...);
typedef OfxStatus (*ParamSetFn)(OfxParamHandle, ...);
typedef OfxStatus (*ParamSetAtTimeFn)(OfxParamHandle, OfxTime, ...);
typedef OfxStatus (*MessageFn)(void *, const char *, const char *, const char *, ...);

/* paramGetValue: one output pointer per dimension (1..4). */
MF_EXPORT int mf_param_get(void *fn, void *param, int n, void **ptrs) {
    ParamGetFn f = (ParamGetFn)fn;
    OfxParamHandle p = (OfxParamHandle)param;
    if (f == NULL || ptrs == NULL) return kOfxStatErrBadHandle;
    switch (n) {
    case 1: return f(p, ptrs[0]);
    case 2: return f(p, ptrs[0], ptrs[1]);
    case 3: return f(p, ptrs[0], ptrs[1], ptrs[2]);
    case 4: return f(p, ptrs[0], ptrs[1], ptrs[2], ptrs[3]);
    default: return kOfxStatErrValue;
    }
}

/* paramGetValueAtTime. */
MF_EXPORT int mf_param_get_at_time(void *fn, void *param, double t, int n, void **ptrs) {
    ParamGetAtTimeFn f = (ParamGetAtTimeFn)fn;
    OfxParamHandle p = (OfxParamHandle)param;
    if (f == NULL || ptrs == NULL) return kOfxStatErrBadHandle;
    switch (n) {
    case 1: return f(p, t, ptrs[0]);
    case 2: return f(p, t, ptrs[0], ptrs[1]);
    case 3: return f(p, t, ptrs[0], ptrs[1], ptrs[2]);
    case 4: return f(p, t, ptrs[0], ptrs[1], ptrs[2], ptrs[3]);
    default: return kOfxStatErrValue;
    }
}

/* paramSetValue for int-valued params (int, bool, choice, int 2D/3D). */
MF_EXPORT int mf_param_set_ints(void *fn, void *param, int n, const int *v) {
    ParamSetFn f = (ParamSetFn)fn;
    OfxParamHandle p = (OfxParamHandle)param;
    if (f == NULL || v == NULL) return kOfxStatErrBadHandle;
    switch (n) {
    case 1: return f(p, v[0]);
    case 2: return f(p, v[0], v[1]);
    case 3: return f(p, v[0], v[1], v[2]);
    default: return kOfxStatErrValue;
    }
}

/* paramSetValue for double-valued params (double, 2D, 3D, RGB, RGBA). */
MF_EXPORT int mf_param_set_doubles(void *fn, void *param, int n, const double *v) {
    ParamSetFn f = (ParamSetFn)fn;
    OfxParamHandle p = (OfxParamHandle)param;
    if (f == NULL || v == NULL) return kOfxStatErrBadHandle;
    switch (n) {
    case 1: return f(p, v[0]);
    case 2: return f(p, v[0], v[1]);
    case 3: return f(p, v[0], v[1], v[2]);
    case 4: return f(p, v[0], v[1], v[2], v[3]);
    default: return kOfxStatErrValue;
    }
}

/* paramSetValue for string-valued params (string, custom, StrChoice). */
MF_EXPORT int mf_param_set_string(void *fn, void *param, const char *v) {
    ParamSetFn f = (ParamSetFn)fn;
    if (f == NULL) return kOfxStatErrBadHandle;
    return f((OfxParamHandle)param, v);
}

MF_EXPORT int mf_param_set_ints_at_time(void *fn, void *param, double t, int n, const int *v) {
    ParamSetAtTimeFn f = (ParamSetAtTimeFn)fn;
    OfxParamHandle p = (OfxParamHandle)param;
    if (f == NULL || v == NULL) return kOfxStatErrBadHandle;
    switch (n) {
    case 1: return f(p, t, v[0]);
    case 2: return f(p, t, v[0], v[1]);
    case 3: return f(p, t, v[0], v[1], v[2]);
    default: return kOfxStatErrValue;
    }
}

MF_EXPORT int mf_param_set_doubles_at_time(void *fn, void *param, double t, int n, const double *v) {
    ParamSetAtTimeFn f = (ParamSetAtTimeFn)fn;
    OfxParamHandle p = (OfxParamHandle)param;
    if (f == NULL || v == NULL) return kOfxStatErrBadHandle;
    switch (n) {
    case 1: return f(p, t, v[0]);
    case 2: return f(p, t, v[0], v[1]);
    case 3: return f(p, t, v[0], v[1], v[2]);
    case 4: return f(p, t, v[0], v[1], v[2], v[3]);
    default: return kOfxStatErrValue;
    }
}

MF_EXPORT int mf_param_set_string_at_time(void *fn, void *param, double t, const char *v) {
    ParamSetAtTimeFn f = (ParamSetAtTimeFn)fn;
    if (f == NULL) return kOfxStatErrBadHandle;
    return f((OfxParamHandle)param, t, v);
}

/* message(handle, type, id, "%s", text): the text is never used as a format string. */
MF_EXPORT int mf_message(void *fn, void *handle, const char *type, const char *id, const char *text) {
    MessageFn f = (MessageFn)fn;
    if (f == NULL) return kOfxStatErrBadHandle;
    return f(handle, type, id, "%s", text != NULL ? text : "");
}
