/*
 * Parameters and the OFX parameter suite (all 18 members).
 *
 * The variadic members read their arguments with va_arg according to the parameter's value kind
 * and dimension, exactly like an editor has to: int* / double* / char** per dimension for the
 * getters, promoted int / double / const char* values for the setters.
 * Keyframes: strictly increasing times; linear interpolation between keys, constant before the first
 * and after the last key; integer params are rounded after interpolation.
 */
#define _GNU_SOURCE
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

#define KEY_EPSILON 1e-6

typedef struct {
    const char *type;
    ValueKind kind;
    int dim;
    int animates;               /* the type's default for OfxParamPropAnimates */
    int numeric_range;          /* has min/max/display range props */
} ParamTypeInfo;

static const ParamTypeInfo param_types[] = {
    {kOfxParamTypeInteger, VALUE_INT, 1, 1, 1},
    {kOfxParamTypeDouble, VALUE_DOUBLE, 1, 1, 1},
    {kOfxParamTypeBoolean, VALUE_INT, 1, 0, 0},
    {kOfxParamTypeChoice, VALUE_INT, 1, 0, 0},
    {kOfxParamTypeStrChoice, VALUE_STRING, 1, 0, 0},
    {kOfxParamTypeRGBA, VALUE_DOUBLE, 4, 1, 1},
    {kOfxParamTypeRGB, VALUE_DOUBLE, 3, 1, 1},
    {kOfxParamTypeDouble2D, VALUE_DOUBLE, 2, 1, 1},
    {kOfxParamTypeInteger2D, VALUE_INT, 2, 1, 1},
    {kOfxParamTypeDouble3D, VALUE_DOUBLE, 3, 1, 1},
    {kOfxParamTypeInteger3D, VALUE_INT, 3, 1, 1},
    {kOfxParamTypeString, VALUE_STRING, 1, 0, 0},
    {kOfxParamTypeCustom, VALUE_STRING, 1, 0, 0},
    {kOfxParamTypeGroup, VALUE_NONE, 0, 0, 0},
    {kOfxParamTypePage, VALUE_NONE, 0, 0, 0},
    {kOfxParamTypePushButton, VALUE_NONE, 0, 0, 0},
};

static const ParamTypeInfo *type_info(const char *type) {
    for (size_t i = 0; i < sizeof param_types / sizeof param_types[0]; i++) {
        if (strcmp(param_types[i].type, type) == 0) return &param_types[i];
    }
    return NULL;
}

static void define_descriptor_props(PropSet *ps, const ParamTypeInfo *info, const char *name) {
    ps_def_string(ps, kOfxPropType, kOfxTypeParameter);
    ps_def_string(ps, kOfxPropName, name);
    ps_def_string(ps, kOfxPropLabel, name);
    ps_def_string(ps, kOfxPropShortLabel, name);
    ps_def_string(ps, kOfxPropLongLabel, name);
    ps_def_string(ps, kOfxParamPropType, info->type);
    ps_def_string(ps, kOfxParamPropScriptName, name);
    ps_def_string(ps, kOfxParamPropHint, "");
    ps_def_string(ps, kOfxParamPropParent, "");
    ps_def_int(ps, kOfxParamPropSecret, 0);
    ps_def_int(ps, kOfxParamPropEnabled, 1);
    ps_def_int(ps, kOfxParamPropCanUndo, 1);
    ps_def_int(ps, kOfxParamPropEvaluateOnChange, 1);
    ps_def_int(ps, kOfxParamPropPersistant, 1);
    ps_def_string(ps, kOfxParamPropCacheInvalidation, "OfxParamInvalidateValueChange");
    ps_def_pointer(ps, "OfxParamPropDataPtr", NULL);
    ps_def_string(ps, "OfxPropIcon", "");
    ps_def_pointer(ps, "OfxParamPropInteractV1", NULL);
    /* layout and interact hints most hosts accept on every param */
    double interact_size[2] = {0, 0};
    int min_size[2] = {10, 10};
    ps_def_int(ps, "OfxParamPropLayoutHint", 0);
    ps_def_int(ps, "OfxParamPropLayoutPadWidth", 0);
    ps_def_int(ps, "OfxParamPropPluginMayWrite", 0);
    ps_def_int(ps, "OfxParamPropShowTimeMarker", 0);
    ps_def_int(ps, "OfxParamPropHasHostOverlayHandle", 0);
    ps_def_int(ps, "kOfxParamPropUseHostOverlayHandle", 0);
    ps_def_doubles(ps, "OfxParamPropInteractSize", 2, 2, interact_size);
    ps_def_double(ps, "OfxParamPropInteractSizeAspect", 1.0);
    ps_def_ints(ps, "OfxParamPropInteractMinimumSize", 2, 2, min_size);
    ps_def_ints(ps, "OfxParamPropInteractPreferedSize", 2, 2, min_size);
    if (strcmp(info->type, kOfxParamTypeGroup) == 0) ps_def_int(ps, kOfxParamPropGroupOpen, 1);
    if (strcmp(info->type, kOfxParamTypePage) == 0) ps_def_strings(ps, kOfxParamPropPageChild, -1, 0, NULL);
    if (info->kind == VALUE_NONE) return;

    ps_def_int(ps, kOfxParamPropAnimates, info->animates);
    ps_def_int(ps, kOfxParamPropIsAnimating, 0);
    ps_def_int(ps, "OfxParamPropIsAutoKeying", 0);
    int d = info->dim;
    if (info->kind == VALUE_INT) {
        int zero[4] = {0, 0, 0, 0}, lo[4] = {INT_MIN, INT_MIN, INT_MIN, INT_MIN}, hi[4] = {INT_MAX, INT_MAX, INT_MAX, INT_MAX};
        ps_def_ints(ps, kOfxParamPropDefault, d, d, zero);
        if (info->numeric_range) {
            ps_def_ints(ps, kOfxParamPropMin, d, d, lo);
            ps_def_ints(ps, kOfxParamPropMax, d, d, hi);
            ps_def_ints(ps, kOfxParamPropDisplayMin, d, d, lo);
            ps_def_ints(ps, kOfxParamPropDisplayMax, d, d, hi);
        }
    } else if (info->kind == VALUE_DOUBLE) {
        double zero[4] = {0, 0, 0, 0}, lo[4] = {-DBL_MAX, -DBL_MAX, -DBL_MAX, -DBL_MAX}, hi[4] = {DBL_MAX, DBL_MAX, DBL_MAX, DBL_MAX};
        ps_def_doubles(ps, kOfxParamPropDefault, d, d, zero);
        ps_def_doubles(ps, kOfxParamPropMin, d, d, lo);
        ps_def_doubles(ps, kOfxParamPropMax, d, d, hi);
        ps_def_doubles(ps, kOfxParamPropDisplayMin, d, d, lo);
        ps_def_doubles(ps, kOfxParamPropDisplayMax, d, d, hi);
        ps_def_double(ps, kOfxParamPropIncrement, 1.0);
        ps_def_int(ps, kOfxParamPropDigits, 2);
        ps_def_string(ps, kOfxParamPropDoubleType, "OfxParamDoubleTypePlain");
        ps_def_string(ps, kOfxParamPropDefaultCoordinateSystem, "OfxParamCoordinatesCanonical");
    } else {
        ps_def_string(ps, kOfxParamPropDefault, "");
    }
    if (d >= 2) {
        const char *labels[4] = {"x", "y", "z", "w"};
        const char *colour[4] = {"r", "g", "b", "a"};
        int is_colour = strcmp(info->type, kOfxParamTypeRGBA) == 0 || strcmp(info->type, kOfxParamTypeRGB) == 0;
        ps_def_strings(ps, "OfxParamPropDimensionLabel", d, d, is_colour ? colour : labels);
    }
    if (strcmp(info->type, kOfxParamTypeChoice) == 0 || strcmp(info->type, kOfxParamTypeStrChoice) == 0) {
        ps_def_strings(ps, kOfxParamPropChoiceOption, -1, 0, NULL);
        ps_def_ints(ps, kOfxParamPropChoiceOrder, -1, 0, NULL);
        if (strcmp(info->type, kOfxParamTypeStrChoice) == 0) ps_def_strings(ps, "OfxParamPropChoiceEnum", -1, 0, NULL);
    }
    if (strcmp(info->type, kOfxParamTypeString) == 0) {
        ps_def_string(ps, kOfxParamPropStringMode, "OfxParamStringIsSingleLine");
        ps_def_int(ps, kOfxParamPropStringFilePathExists, 1);
    }
    if (strcmp(info->type, kOfxParamTypeCustom) == 0) ps_def_pointer(ps, "OfxParamPropCustomCallbackV1", NULL);
}

static Param *param_new(ParamSet *set, const ParamTypeInfo *info, const char *name, PropSet *props) {
    Param *p = calloc(1, sizeof *p);
    if (p == NULL) abort();
    p->magic = MF_MAGIC_PARAM;
    p->name = strdup(name);
    p->type = info->type;
    p->kind = info->kind;
    p->dim = info->dim;
    p->props = props;
    p->set = set;
    p->s = strdup("");
    pthread_mutex_init(&p->lock, NULL);
    return p;
}

static void paramset_add(ParamSet *set, Param *p) {
    if (set->n == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 16;
        set->items = realloc(set->items, (size_t)set->cap * sizeof *set->items);
        if (set->items == NULL) abort();
    }
    set->items[set->n++] = p;
}

ParamSet *paramset_new(struct Effect *effect) {
    ParamSet *set = calloc(1, sizeof *set);
    if (set == NULL) abort();
    set->magic = MF_MAGIC_PARAMSET;
    set->effect = effect;
    set->props = ps_new();
    ps_def_strings(set->props, "OfxPluginPropParamPageOrder", -1, 0, NULL);
    return set;
}

Param *paramset_find(ParamSet *set, const char *name) {
    for (int i = 0; i < set->n; i++) if (strcmp(set->items[i]->name, name) == 0) return set->items[i];
    return NULL;
}

/* Instance params start from the descriptor's props and take their value from the default. */
ParamSet *paramset_instantiate(const ParamSet *descriptors, struct Effect *effect) {
    ParamSet *set = paramset_new(effect);
    ps_free(set->props);
    set->props = ps_clone(descriptors->props);
    for (int i = 0; i < descriptors->n; i++) {
        const Param *d = descriptors->items[i];
        Param *p = param_new(set, type_info(d->type), d->name, ps_clone(d->props));
        ps_set_string(p->props, kOfxPropType, 0, kOfxTypeParameterInstance);
        if (p->kind == VALUE_INT) for (int k = 0; k < p->dim; k++) p->v[k] = ps_int(p->props, kOfxParamPropDefault, k, 0);
        if (p->kind == VALUE_DOUBLE) for (int k = 0; k < p->dim; k++) p->v[k] = ps_double(p->props, kOfxParamPropDefault, k, 0);
        if (p->kind == VALUE_STRING) { free(p->s); p->s = strdup(ps_string(p->props, kOfxParamPropDefault, 0, "")); }
        paramset_add(set, p);
    }
    return set;
}

void paramset_free(ParamSet *set) {
    if (set == NULL) return;
    for (int i = 0; i < set->n; i++) {
        Param *p = set->items[i];
        ps_free(p->props);
        free(p->name);
        free(p->s);
        free(p->keys);
        pthread_mutex_destroy(&p->lock);
        p->magic = 0;
        free(p);
    }
    free(set->items);
    ps_free(set->props);
    set->magic = 0;
    free(set);
}

int param_animates(Param *p) { return p->kind != VALUE_NONE && ps_int(p->props, kOfxParamPropAnimates, 0, 0) != 0; }

/* ------------------------------------------------------------------ values and keys (lock held by callers
 * of the suite; host-side helpers lock themselves) */

static void value_at_locked(Param *p, double t, double *out) {
    if (p->nkeys == 0) {
        memcpy(out, p->v, sizeof p->v);
        return;
    }
    const Key *first = &p->keys[0], *last = &p->keys[p->nkeys - 1];
    if (t <= first->time) memcpy(out, first->v, sizeof first->v);
    else if (t >= last->time) memcpy(out, last->v, sizeof last->v);
    else {
        int i = 0;
        while (p->keys[i + 1].time < t) i++;
        const Key *a = &p->keys[i], *b = &p->keys[i + 1];
        double u = (t - a->time) / (b->time - a->time);
        for (int k = 0; k < 4; k++) out[k] = a->v[k] + u * (b->v[k] - a->v[k]);
    }
    if (p->kind == VALUE_INT) {
        /* Booleans and choices hold the previous key's value; integers round after interpolation. */
        int stepped = strcmp(p->type, kOfxParamTypeBoolean) == 0 || strcmp(p->type, kOfxParamTypeChoice) == 0;
        if (stepped) {
            int i = 0;
            while (i + 1 < p->nkeys && p->keys[i + 1].time <= t) i++;
            memcpy(out, p->keys[i].v, sizeof p->keys[i].v);
        }
        for (int k = 0; k < 4; k++) out[k] = floor(out[k] + 0.5);
    }
}

void param_value_at(Param *p, double t, double *v, const char **s) {
    pthread_mutex_lock(&p->lock);
    value_at_locked(p, t, v);
    if (s != NULL) *s = p->s;
    pthread_mutex_unlock(&p->lock);
}

static void clamp_to_range(Param *p, double *v) {
    if (p->kind == VALUE_INT && strcmp(p->type, kOfxParamTypeChoice) != 0 && strcmp(p->type, kOfxParamTypeBoolean) != 0) {
        for (int k = 0; k < p->dim; k++) {
            double lo = ps_int(p->props, kOfxParamPropMin, k, INT_MIN), hi = ps_int(p->props, kOfxParamPropMax, k, INT_MAX);
            v[k] = fmin(fmax(v[k], lo), hi);
        }
    } else if (p->kind == VALUE_DOUBLE) {
        for (int k = 0; k < p->dim; k++) {
            double lo = ps_double(p->props, kOfxParamPropMin, k, -DBL_MAX), hi = ps_double(p->props, kOfxParamPropMax, k, DBL_MAX);
            v[k] = fmin(fmax(v[k], lo), hi);
        }
    }
}

static void update_is_animating(Param *p) { ps_set_int(p->props, kOfxParamPropIsAnimating, 0, p->nkeys > 0); }

static void add_key_locked(Param *p, double t, const double *v) {
    double clamped[4] = {v[0], v[1], v[2], v[3]};
    clamp_to_range(p, clamped);
    int i = 0;
    while (i < p->nkeys && p->keys[i].time < t - KEY_EPSILON) i++;
    if (i < p->nkeys && fabs(p->keys[i].time - t) <= KEY_EPSILON) {
        memcpy(p->keys[i].v, clamped, sizeof clamped);
        return;
    }
    if (p->nkeys == p->capkeys) {
        p->capkeys = p->capkeys ? p->capkeys * 2 : 8;
        p->keys = realloc(p->keys, (size_t)p->capkeys * sizeof *p->keys);
        if (p->keys == NULL) abort();
    }
    memmove(&p->keys[i + 1], &p->keys[i], (size_t)(p->nkeys - i) * sizeof *p->keys);
    p->keys[i].time = t;
    memcpy(p->keys[i].v, clamped, sizeof clamped);
    p->nkeys++;
    update_is_animating(p);
}

void param_add_key(Param *p, double t, const double *v) {
    pthread_mutex_lock(&p->lock);
    add_key_locked(p, t, v);
    pthread_mutex_unlock(&p->lock);
}

static void set_static_locked(Param *p, const double *v, const char *s) {
    if (p->kind == VALUE_STRING) {
        free(p->s);
        p->s = strdup(s != NULL ? s : "");
    } else if (v != NULL) {
        double clamped[4] = {v[0], v[1], v[2], v[3]};
        clamp_to_range(p, clamped);
        memcpy(p->v, clamped, sizeof clamped);
    }
}

void param_set_static(Param *p, const double *v, const char *s) {
    pthread_mutex_lock(&p->lock);
    set_static_locked(p, v, s);
    pthread_mutex_unlock(&p->lock);
}

void param_format_value(Param *p, const double *v, const char *s, FILE *out) {
    if (p->kind == VALUE_STRING) {
        for (; *s; s++) {
            if (*s == '\n') fputs("\\n", out); else fputc(*s, out);
        }
        return;
    }
    for (int k = 0; k < p->dim; k++) {
        if (k > 0) fputc(',', out);
        if (p->kind == VALUE_INT) fprintf(out, "%d", (int)v[k]);
        else fprintf(out, "%.10g", v[k]);
    }
}

/* ------------------------------------------------------------------ the suite */

static int valid_param(OfxParamHandle h) { return h != NULL && ((Param *)h)->magic == MF_MAGIC_PARAM; }
static int valid_set(OfxParamSetHandle h) { return h != NULL && ((ParamSet *)h)->magic == MF_MAGIC_PARAMSET; }

static double current_time(Param *p) { return p->set->effect != NULL ? p->set->effect->current_time : 0.0; }

static void note_changed(Param *p) {
    if (p->set->effect != NULL) effect_note_param_changed(p->set->effect, p->name);
}

static OfxStatus paramDefine(OfxParamSetHandle h, const char *type, const char *name, OfxPropertySetHandle *props) {
    if (!valid_set(h)) return kOfxStatErrBadHandle;
    ParamSet *set = (ParamSet *)h;
    if (set->effect != NULL && !set->effect->is_descriptor) return kOfxStatErrUnsupported;  /* describe only */
    if (type == NULL || name == NULL || *name == '\0') return kOfxStatErrValue;
    const ParamTypeInfo *info = type_info(type);
    if (info == NULL) return kOfxStatErrUnsupported;
    if (paramset_find(set, name) != NULL) return kOfxStatErrExists;
    PropSet *ps = ps_new();
    define_descriptor_props(ps, info, name);
    Param *p = param_new(set, info, name, ps);
    paramset_add(set, p);
    if (props != NULL) *props = (OfxPropertySetHandle)ps;
    return kOfxStatOK;
}

static OfxStatus paramGetHandle(OfxParamSetHandle h, const char *name, OfxParamHandle *out, OfxPropertySetHandle *props) {
    if (!valid_set(h)) return kOfxStatErrBadHandle;
    if (name == NULL || out == NULL) return kOfxStatErrValue;
    Param *p = paramset_find((ParamSet *)h, name);
    if (p == NULL) return kOfxStatErrUnknown;
    *out = (OfxParamHandle)p;
    if (props != NULL) *props = (OfxPropertySetHandle)p->props;
    return kOfxStatOK;
}

static OfxStatus paramSetGetPropertySet(OfxParamSetHandle h, OfxPropertySetHandle *out) {
    if (!valid_set(h)) return kOfxStatErrBadHandle;
    if (out == NULL) return kOfxStatErrValue;
    *out = (OfxPropertySetHandle)((ParamSet *)h)->props;
    return kOfxStatOK;
}

static OfxStatus paramGetPropertySet(OfxParamHandle h, OfxPropertySetHandle *out) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    if (out == NULL) return kOfxStatErrValue;
    *out = (OfxPropertySetHandle)((Param *)h)->props;
    return kOfxStatOK;
}

/* Writes the value at t through the pointers in ap (int* / double* / char** per dimension). */
static OfxStatus write_value(Param *p, double t, va_list ap) {
    if (p->kind == VALUE_NONE) return kOfxStatErrUnsupported;
    double v[4];
    pthread_mutex_lock(&p->lock);
    value_at_locked(p, t, v);
    for (int k = 0; k < p->dim; k++) {
        if (p->kind == VALUE_INT) { int *o = va_arg(ap, int *); if (o) *o = (int)v[k]; }
        else if (p->kind == VALUE_DOUBLE) { double *o = va_arg(ap, double *); if (o) *o = v[k]; }
        else { char **o = va_arg(ap, char **); if (o) *o = p->s; }   /* host-owned string */
    }
    pthread_mutex_unlock(&p->lock);
    return kOfxStatOK;
}

OfxStatus mf_param_get_value_v(OfxParamHandle h, va_list ap) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    Param *p = (Param *)h;
    return write_value(p, current_time(p), ap);
}

OfxStatus mf_param_get_value_at_time_v(OfxParamHandle h, OfxTime t, va_list ap) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    return write_value((Param *)h, t, ap);
}

static OfxStatus paramGetValue(OfxParamHandle h, ...) {
    va_list ap;
    va_start(ap, h);
    OfxStatus st = mf_param_get_value_v(h, ap);
    va_end(ap);
    return st;
}

static OfxStatus paramGetValueAtTime(OfxParamHandle h, OfxTime t, ...) {
    va_list ap;
    va_start(ap, t);
    OfxStatus st = mf_param_get_value_at_time_v(h, t, ap);
    va_end(ap);
    return st;
}

/* Slope of the piecewise-linear curve at t (right derivative at a key, 0 outside the keys). */
static OfxStatus paramGetDerivative(OfxParamHandle h, OfxTime t, ...) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    Param *p = (Param *)h;
    if (p->kind != VALUE_DOUBLE) return kOfxStatErrUnsupported;
    double d[4] = {0, 0, 0, 0};
    pthread_mutex_lock(&p->lock);
    for (int i = 0; i + 1 < p->nkeys; i++) {
        const Key *a = &p->keys[i], *b = &p->keys[i + 1];
        if (t >= a->time && t < b->time) {
            for (int k = 0; k < 4; k++) d[k] = (b->v[k] - a->v[k]) / (b->time - a->time);
            break;
        }
    }
    pthread_mutex_unlock(&p->lock);
    va_list ap;
    va_start(ap, t);
    for (int k = 0; k < p->dim; k++) { double *o = va_arg(ap, double *); if (o) *o = d[k]; }
    va_end(ap);
    return kOfxStatOK;
}

/* Exact integral of the piecewise-linear curve: trapezoids between t1, the keys inside, and t2. */
static OfxStatus paramGetIntegral(OfxParamHandle h, OfxTime t1, OfxTime t2, ...) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    Param *p = (Param *)h;
    if (p->kind != VALUE_DOUBLE) return kOfxStatErrUnsupported;
    double sign = 1.0, lo = t1, hi = t2;
    if (t2 < t1) { sign = -1.0; lo = t2; hi = t1; }
    double sum[4] = {0, 0, 0, 0};
    pthread_mutex_lock(&p->lock);
    double prev_t = lo, prev_v[4];
    value_at_locked(p, lo, prev_v);
    for (int i = 0; i <= p->nkeys; i++) {
        double t = (i < p->nkeys) ? p->keys[i].time : hi;
        if (i < p->nkeys && (t <= lo || t >= hi)) continue;
        double v[4];
        value_at_locked(p, t, v);
        for (int k = 0; k < 4; k++) sum[k] += 0.5 * (prev_v[k] + v[k]) * (t - prev_t);
        prev_t = t;
        memcpy(prev_v, v, sizeof v);
    }
    pthread_mutex_unlock(&p->lock);
    va_list ap;
    va_start(ap, t2);
    for (int k = 0; k < p->dim; k++) { double *o = va_arg(ap, double *); if (o) *o = sign * sum[k]; }
    va_end(ap);
    return kOfxStatOK;
}

/* Reads dim promoted values from ap into v (or the string into *s). */
static void read_values(Param *p, va_list ap, double *v, const char **s) {
    for (int k = 0; k < 4; k++) v[k] = 0;
    *s = NULL;
    for (int k = 0; k < p->dim; k++) {
        if (p->kind == VALUE_INT) v[k] = va_arg(ap, int);
        else if (p->kind == VALUE_DOUBLE) v[k] = va_arg(ap, double);
        else *s = va_arg(ap, const char *);
    }
}

/* A choice value must index one of the options. */
static int valid_value(Param *p, const double *v) {
    if (strcmp(p->type, kOfxParamTypeChoice) != 0) return 1;
    return v[0] >= 0 && v[0] < ps_dim(p->props, kOfxParamPropChoiceOption);
}

static OfxStatus paramSetValue(OfxParamHandle h, ...) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    Param *p = (Param *)h;
    if (p->kind == VALUE_NONE) return kOfxStatErrUnsupported;
    double v[4];
    const char *s;
    va_list ap;
    va_start(ap, h);
    read_values(p, ap, v, &s);
    va_end(ap);
    if ((p->kind == VALUE_STRING && s == NULL) || !valid_value(p, v)) return kOfxStatErrValue;
    pthread_mutex_lock(&p->lock);
    /* On an animated param a set changes (or adds) the key at the current time, as editors do. */
    if (p->nkeys > 0 && p->kind != VALUE_STRING) add_key_locked(p, current_time(p), v);
    else set_static_locked(p, v, s);
    pthread_mutex_unlock(&p->lock);
    note_changed(p);
    return kOfxStatOK;
}

static OfxStatus paramSetValueAtTime(OfxParamHandle h, OfxTime t, ...) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    Param *p = (Param *)h;
    if (p->kind == VALUE_NONE) return kOfxStatErrUnsupported;
    double v[4];
    const char *s;
    va_list ap;
    va_start(ap, t);
    read_values(p, ap, v, &s);
    va_end(ap);
    if ((p->kind == VALUE_STRING && s == NULL) || !valid_value(p, v)) return kOfxStatErrValue;
    pthread_mutex_lock(&p->lock);
    if (param_animates(p)) add_key_locked(p, t, v);
    else set_static_locked(p, v, s);           /* this host does not animate this type */
    pthread_mutex_unlock(&p->lock);
    note_changed(p);
    return kOfxStatOK;
}

static OfxStatus paramGetNumKeys(OfxParamHandle h, unsigned int *n) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    if (n == NULL) return kOfxStatErrValue;
    Param *p = (Param *)h;
    pthread_mutex_lock(&p->lock);
    *n = (unsigned)p->nkeys;
    pthread_mutex_unlock(&p->lock);
    return kOfxStatOK;
}

static OfxStatus paramGetKeyTime(OfxParamHandle h, unsigned int nth, OfxTime *t) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    if (t == NULL) return kOfxStatErrValue;
    Param *p = (Param *)h;
    OfxStatus st = kOfxStatOK;
    pthread_mutex_lock(&p->lock);
    if (nth >= (unsigned)p->nkeys) st = kOfxStatErrBadIndex;
    else *t = p->keys[nth].time;
    pthread_mutex_unlock(&p->lock);
    return st;
}

static OfxStatus paramGetKeyIndex(OfxParamHandle h, OfxTime t, int direction, int *index) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    if (index == NULL) return kOfxStatErrValue;
    Param *p = (Param *)h;
    int found = -1;
    pthread_mutex_lock(&p->lock);
    for (int i = 0; i < p->nkeys; i++) {
        double kt = p->keys[i].time;
        if (direction == 0 && fabs(kt - t) <= KEY_EPSILON) { found = i; break; }
        if (direction > 0 && kt > t + KEY_EPSILON) { found = i; break; }
        if (direction < 0 && kt < t - KEY_EPSILON) found = i;
    }
    pthread_mutex_unlock(&p->lock);
    *index = found;
    return found >= 0 ? kOfxStatOK : kOfxStatFailed;
}

static OfxStatus paramDeleteKey(OfxParamHandle h, OfxTime t) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    Param *p = (Param *)h;
    OfxStatus st = kOfxStatErrBadIndex;
    pthread_mutex_lock(&p->lock);
    for (int i = 0; i < p->nkeys; i++) {
        if (fabs(p->keys[i].time - t) <= KEY_EPSILON) {
            if (p->nkeys == 1) memcpy(p->v, p->keys[0].v, sizeof p->v);   /* keep the last value */
            memmove(&p->keys[i], &p->keys[i + 1], (size_t)(p->nkeys - i - 1) * sizeof *p->keys);
            p->nkeys--;
            update_is_animating(p);
            st = kOfxStatOK;
            break;
        }
    }
    pthread_mutex_unlock(&p->lock);
    if (st == kOfxStatOK) note_changed(p);
    return st;
}

static OfxStatus paramDeleteAllKeys(OfxParamHandle h) {
    if (!valid_param(h)) return kOfxStatErrBadHandle;
    Param *p = (Param *)h;
    pthread_mutex_lock(&p->lock);
    if (p->nkeys > 0) value_at_locked(p, current_time(p), p->v);
    p->nkeys = 0;
    update_is_animating(p);
    pthread_mutex_unlock(&p->lock);
    note_changed(p);
    return kOfxStatOK;
}

static OfxStatus paramCopy(OfxParamHandle to, OfxParamHandle from, OfxTime offset, const OfxRangeD *range) {
    if (!valid_param(to) || !valid_param(from)) return kOfxStatErrBadHandle;
    Param *dst = (Param *)to, *src = (Param *)from;
    if (dst == src) return kOfxStatErrValue;
    if (strcmp(dst->type, src->type) != 0) return kOfxStatErrValue;
    /* lock in address order so two concurrent copies cannot deadlock */
    Param *first = dst < src ? dst : src, *second = dst < src ? src : dst;
    pthread_mutex_lock(&first->lock);
    pthread_mutex_lock(&second->lock);
    if (range == NULL) {
        set_static_locked(dst, src->v, src->s);
        dst->nkeys = 0;
    } else {
        for (int i = dst->nkeys - 1; i >= 0; i--) {
            double t = dst->keys[i].time;
            if (t >= range->min + offset - KEY_EPSILON && t <= range->max + offset + KEY_EPSILON) {
                memmove(&dst->keys[i], &dst->keys[i + 1], (size_t)(dst->nkeys - i - 1) * sizeof *dst->keys);
                dst->nkeys--;
            }
        }
    }
    for (int i = 0; i < src->nkeys; i++) {
        const Key *k = &src->keys[i];
        if (range != NULL && (k->time < range->min - KEY_EPSILON || k->time > range->max + KEY_EPSILON)) continue;
        add_key_locked(dst, k->time + offset, k->v);
    }
    update_is_animating(dst);
    pthread_mutex_unlock(&second->lock);
    pthread_mutex_unlock(&first->lock);
    note_changed(dst);
    return kOfxStatOK;
}

static OfxStatus paramEditBegin(OfxParamSetHandle h, const char *name) {
    if (!valid_set(h)) return kOfxStatErrBadHandle;
    (void)name;
    __atomic_add_fetch(&((ParamSet *)h)->edit_depth, 1, __ATOMIC_ACQ_REL);
    return kOfxStatOK;
}

static OfxStatus paramEditEnd(OfxParamSetHandle h) {
    if (!valid_set(h)) return kOfxStatErrBadHandle;
    ParamSet *set = (ParamSet *)h;
    if (__atomic_load_n(&set->edit_depth, __ATOMIC_ACQUIRE) <= 0) return kOfxStatFailed;  /* unbalanced */
    __atomic_sub_fetch(&set->edit_depth, 1, __ATOMIC_ACQ_REL);
    return kOfxStatOK;
}

const OfxParameterSuiteV1 mf_parameter_suite = {
    paramDefine, paramGetHandle, paramSetGetPropertySet, paramGetPropertySet,
    paramGetValue, paramGetValueAtTime, paramGetDerivative, paramGetIntegral,
    paramSetValue, paramSetValueAtTime, paramGetNumKeys, paramGetKeyTime,
    paramGetKeyIndex, paramDeleteKey, paramDeleteAllKeys, paramCopy,
    paramEditBegin, paramEditEnd,
};
