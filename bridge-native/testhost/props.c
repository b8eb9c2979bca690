/*
 * Property sets and the OFX property suite.
 *
 * Strict on purpose, so that the plugin's mistakes show up here rather than in an editor:
 * every property is declared up front with its type and dimension (fixed or variable), and the
 * suite answers as the fact sheet says: unknown name -> kOfxStatErrUnknown, index past the
 * dimension -> kOfxStatErrBadIndex, wrong type -> kOfxStatErrValue.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "host.h"

PropSet *ps_new(void) {
    PropSet *ps = calloc(1, sizeof *ps);
    if (ps == NULL) abort();
    ps->magic = MF_MAGIC_PROPS;
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&ps->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    return ps;
}

int ps_valid(const PropSet *ps) { return ps != NULL && ps->magic == MF_MAGIC_PROPS; }

static void value_free(PropKind kind, PropValue *v) {
    if (kind == PROP_STRING) { free(v->s); v->s = NULL; }
}

static PropValue value_copy(PropKind kind, PropValue v) {
    if (kind == PROP_STRING) v.s = strdup(v.s != NULL ? v.s : "");
    return v;
}

static void prop_free(Prop *p) {
    for (int i = 0; i < p->n; i++) value_free(p->kind, &p->values[i]);
    for (int i = 0; i < p->n_default; i++) value_free(p->kind, &p->defaults[i]);
    free(p->values);
    free(p->defaults);
    free(p->name);
    free(p);
}

void ps_free(PropSet *ps) {
    if (ps == NULL) return;
    Prop *p = ps->head;
    while (p != NULL) {
        Prop *next = p->next;
        prop_free(p);
        p = next;
    }
    ps->magic = 0;
    pthread_mutex_destroy(&ps->lock);
    free(ps);
}

Prop *ps_find(const PropSet *ps, const char *name) {
    for (Prop *p = ps->head; p != NULL; p = p->next) if (strcmp(p->name, name) == 0) return p;
    return NULL;
}

static void ensure_capacity(Prop *p, int n) {
    if (n <= p->cap) return;
    int cap = p->cap == 0 ? 4 : p->cap;
    while (cap < n) cap *= 2;
    PropValue *grown = realloc(p->values, (size_t)cap * sizeof *grown);
    if (grown == NULL) abort();
    memset(grown + p->cap, 0, (size_t)(cap - p->cap) * sizeof *grown);
    p->values = grown;
    p->cap = cap;
}

static PropValue zero_value(PropKind kind) {
    PropValue v;
    memset(&v, 0, sizeof v);
    if (kind == PROP_STRING) v.s = strdup("");
    return v;
}

/* Resizes to n values, filling new slots with zero / "" (strings are owned). */
static void resize(Prop *p, int n) {
    ensure_capacity(p, n);
    for (int i = n; i < p->n; i++) value_free(p->kind, &p->values[i]);
    for (int i = p->n; i < n; i++) p->values[i] = zero_value(p->kind);
    p->n = n;
}

static void reset_to_defaults(Prop *p) {
    int n = p->fixed_dim >= 0 ? p->fixed_dim : p->n_default;
    resize(p, 0);
    resize(p, n);
    for (int i = 0; i < n && i < p->n_default; i++) {
        value_free(p->kind, &p->values[i]);
        p->values[i] = value_copy(p->kind, p->defaults[i]);
    }
}

static void define(PropSet *ps, const char *name, PropKind kind, int fixed_dim, int n, const PropValue *defaults) {
    Prop *old = ps_find(ps, name);
    Prop *p = old != NULL ? old : calloc(1, sizeof *p);
    if (p == NULL) abort();
    if (old != NULL) {
        for (int i = 0; i < p->n_default; i++) value_free(p->kind, &p->defaults[i]);
        free(p->defaults);
        resize(p, 0);
    } else {
        p->name = strdup(name);
    }
    p->kind = kind;
    p->fixed_dim = fixed_dim;
    p->n_default = n;
    p->defaults = calloc((size_t)(n > 0 ? n : 1), sizeof *p->defaults);
    for (int i = 0; i < n; i++) p->defaults[i] = value_copy(kind, defaults[i]);
    reset_to_defaults(p);
    if (old == NULL) {
        if (ps->tail != NULL) ps->tail->next = p; else ps->head = p;
        ps->tail = p;
    }
}

void ps_def_int(PropSet *ps, const char *name, int value) { ps_def_ints(ps, name, 1, 1, &value); }
void ps_def_double(PropSet *ps, const char *name, double value) { ps_def_doubles(ps, name, 1, 1, &value); }
void ps_def_string(PropSet *ps, const char *name, const char *value) { ps_def_strings(ps, name, 1, 1, &value); }

void ps_def_ints(PropSet *ps, const char *name, int fixed_dim, int n, const int *values) {
    PropValue v[16];
    for (int i = 0; i < n && i < 16; i++) v[i].i = values[i];
    define(ps, name, PROP_INT, fixed_dim, n, v);
}

void ps_def_doubles(PropSet *ps, const char *name, int fixed_dim, int n, const double *values) {
    PropValue v[16];
    for (int i = 0; i < n && i < 16; i++) v[i].d = values[i];
    define(ps, name, PROP_DOUBLE, fixed_dim, n, v);
}

void ps_def_strings(PropSet *ps, const char *name, int fixed_dim, int n, const char *const *values) {
    PropValue v[16];
    for (int i = 0; i < n && i < 16; i++) v[i].s = (char *)values[i];
    define(ps, name, PROP_STRING, fixed_dim, n, v);
}

void ps_def_pointer(PropSet *ps, const char *name, void *value) {
    PropValue v;
    v.p = value;
    define(ps, name, PROP_POINTER, 1, 1, &v);
}

PropSet *ps_clone(const PropSet *src) {
    PropSet *ps = ps_new();
    for (const Prop *p = src->head; p != NULL; p = p->next) {
        define(ps, p->name, p->kind, p->fixed_dim, p->n_default, p->defaults);
        Prop *q = ps->tail;
        resize(q, 0);
        resize(q, p->n);
        for (int i = 0; i < p->n; i++) {
            value_free(q->kind, &q->values[i]);
            q->values[i] = value_copy(p->kind, p->values[i]);
        }
    }
    return ps;
}

/* ------------------------------------------------------------------ the suite */

static OfxStatus lookup(OfxPropertySetHandle h, const char *name, PropKind kind, PropSet **ps_out, Prop **p_out) {
    PropSet *ps = (PropSet *)h;
    if (!ps_valid(ps)) return kOfxStatErrBadHandle;
    if (name == NULL) return kOfxStatErrUnknown;
    Prop *p = ps_find(ps, name);
    if (p == NULL) return kOfxStatErrUnknown;
    if (p->kind != kind) return kOfxStatErrValue;
    *ps_out = ps;
    *p_out = p;
    return kOfxStatOK;
}

static OfxStatus set_one(OfxPropertySetHandle h, const char *name, int index, PropKind kind, PropValue v) {
    PropSet *ps;
    Prop *p;
    OfxStatus st = lookup(h, name, kind, &ps, &p);
    if (st != kOfxStatOK) return st;
    if (index < 0 || (p->fixed_dim >= 0 && index >= p->fixed_dim)) return kOfxStatErrBadIndex;
    pthread_mutex_lock(&ps->lock);
    if (index >= p->n) resize(p, index + 1);      /* variable dimension grows */
    value_free(kind, &p->values[index]);
    p->values[index] = value_copy(kind, v);
    pthread_mutex_unlock(&ps->lock);
    return kOfxStatOK;
}

static OfxStatus set_many(OfxPropertySetHandle h, const char *name, int count, PropKind kind, const PropValue *v) {
    PropSet *ps;
    Prop *p;
    OfxStatus st = lookup(h, name, kind, &ps, &p);
    if (st != kOfxStatOK) return st;
    if (count < 0 || (p->fixed_dim >= 0 && count > p->fixed_dim)) return kOfxStatErrBadIndex;
    pthread_mutex_lock(&ps->lock);
    if (p->fixed_dim < 0) resize(p, count);
    for (int i = 0; i < count; i++) {
        value_free(kind, &p->values[i]);
        p->values[i] = value_copy(kind, v[i]);
    }
    pthread_mutex_unlock(&ps->lock);
    return kOfxStatOK;
}

static OfxStatus get_one(OfxPropertySetHandle h, const char *name, int index, PropKind kind, PropValue *out) {
    PropSet *ps;
    Prop *p;
    if (out == NULL) return kOfxStatErrValue;
    OfxStatus st = lookup(h, name, kind, &ps, &p);
    if (st != kOfxStatOK) return st;
    pthread_mutex_lock(&ps->lock);
    if (index < 0 || index >= p->n) st = kOfxStatErrBadIndex;
    else *out = p->values[index];                  /* strings stay owned by the host */
    pthread_mutex_unlock(&ps->lock);
    return st;
}

static OfxStatus get_many(OfxPropertySetHandle h, const char *name, int count, PropKind kind, PropValue *out) {
    PropSet *ps;
    Prop *p;
    if (out == NULL && count > 0) return kOfxStatErrValue;
    OfxStatus st = lookup(h, name, kind, &ps, &p);
    if (st != kOfxStatOK) return st;
    pthread_mutex_lock(&ps->lock);
    if (count < 0 || count > p->n) st = kOfxStatErrBadIndex;
    else for (int i = 0; i < count; i++) out[i] = p->values[i];
    pthread_mutex_unlock(&ps->lock);
    return st;
}

static OfxStatus propSetPointer(OfxPropertySetHandle h, const char *n, int i, void *v) { PropValue x; x.p = v; return set_one(h, n, i, PROP_POINTER, x); }
static OfxStatus propSetString(OfxPropertySetHandle h, const char *n, int i, const char *v) {
    if (v == NULL) return kOfxStatErrValue;
    PropValue x; x.s = (char *)v; return set_one(h, n, i, PROP_STRING, x);
}
static OfxStatus propSetDouble(OfxPropertySetHandle h, const char *n, int i, double v) { PropValue x; x.d = v; return set_one(h, n, i, PROP_DOUBLE, x); }
static OfxStatus propSetInt(OfxPropertySetHandle h, const char *n, int i, int v) { PropValue x; x.i = v; return set_one(h, n, i, PROP_INT, x); }

#define MAX_N 4096
static OfxStatus propSetPointerN(OfxPropertySetHandle h, const char *n, int c, void *const *v) {
    if (c > MAX_N || (c > 0 && v == NULL)) return kOfxStatErrValue;
    PropValue x[MAX_N]; for (int i = 0; i < c; i++) x[i].p = v[i]; return set_many(h, n, c, PROP_POINTER, x);
}
static OfxStatus propSetStringN(OfxPropertySetHandle h, const char *n, int c, const char *const *v) {
    if (c > MAX_N || (c > 0 && v == NULL)) return kOfxStatErrValue;
    PropValue x[MAX_N];
    for (int i = 0; i < c; i++) { if (v[i] == NULL) return kOfxStatErrValue; x[i].s = (char *)v[i]; }
    return set_many(h, n, c, PROP_STRING, x);
}
static OfxStatus propSetDoubleN(OfxPropertySetHandle h, const char *n, int c, const double *v) {
    if (c > MAX_N || (c > 0 && v == NULL)) return kOfxStatErrValue;
    PropValue x[MAX_N]; for (int i = 0; i < c; i++) x[i].d = v[i]; return set_many(h, n, c, PROP_DOUBLE, x);
}
static OfxStatus propSetIntN(OfxPropertySetHandle h, const char *n, int c, const int *v) {
    if (c > MAX_N || (c > 0 && v == NULL)) return kOfxStatErrValue;
    PropValue x[MAX_N]; for (int i = 0; i < c; i++) x[i].i = v[i]; return set_many(h, n, c, PROP_INT, x);
}
static OfxStatus propGetPointer(OfxPropertySetHandle h, const char *n, int i, void **v) {
    PropValue x; OfxStatus st = get_one(h, n, i, PROP_POINTER, v ? &x : NULL); if (st == kOfxStatOK) *v = x.p; return st;
}
static OfxStatus propGetString(OfxPropertySetHandle h, const char *n, int i, char **v) {
    PropValue x; OfxStatus st = get_one(h, n, i, PROP_STRING, v ? &x : NULL); if (st == kOfxStatOK) *v = x.s; return st;
}
static OfxStatus propGetDouble(OfxPropertySetHandle h, const char *n, int i, double *v) {
    PropValue x; OfxStatus st = get_one(h, n, i, PROP_DOUBLE, v ? &x : NULL); if (st == kOfxStatOK) *v = x.d; return st;
}
static OfxStatus propGetInt(OfxPropertySetHandle h, const char *n, int i, int *v) {
    PropValue x; OfxStatus st = get_one(h, n, i, PROP_INT, v ? &x : NULL); if (st == kOfxStatOK) *v = x.i; return st;
}
static OfxStatus propGetPointerN(OfxPropertySetHandle h, const char *n, int c, void **v) {
    if (c > MAX_N) return kOfxStatErrBadIndex;
    PropValue x[MAX_N]; OfxStatus st = get_many(h, n, c, PROP_POINTER, v ? x : NULL);
    if (st == kOfxStatOK) { for (int i = 0; i < c; i++) v[i] = x[i].p; }
    return st;
}
static OfxStatus propGetStringN(OfxPropertySetHandle h, const char *n, int c, char **v) {
    if (c > MAX_N) return kOfxStatErrBadIndex;
    PropValue x[MAX_N]; OfxStatus st = get_many(h, n, c, PROP_STRING, v ? x : NULL);
    if (st == kOfxStatOK) { for (int i = 0; i < c; i++) v[i] = x[i].s; }
    return st;
}
static OfxStatus propGetDoubleN(OfxPropertySetHandle h, const char *n, int c, double *v) {
    if (c > MAX_N) return kOfxStatErrBadIndex;
    PropValue x[MAX_N]; OfxStatus st = get_many(h, n, c, PROP_DOUBLE, v ? x : NULL);
    if (st == kOfxStatOK) { for (int i = 0; i < c; i++) v[i] = x[i].d; }
    return st;
}
static OfxStatus propGetIntN(OfxPropertySetHandle h, const char *n, int c, int *v) {
    if (c > MAX_N) return kOfxStatErrBadIndex;
    PropValue x[MAX_N]; OfxStatus st = get_many(h, n, c, PROP_INT, v ? x : NULL);
    if (st == kOfxStatOK) { for (int i = 0; i < c; i++) v[i] = x[i].i; }
    return st;
}
static OfxStatus propReset(OfxPropertySetHandle h, const char *name) {
    PropSet *ps = (PropSet *)h;
    if (!ps_valid(ps)) return kOfxStatErrBadHandle;
    Prop *p = name ? ps_find(ps, name) : NULL;
    if (p == NULL) return kOfxStatErrUnknown;
    pthread_mutex_lock(&ps->lock);
    reset_to_defaults(p);
    pthread_mutex_unlock(&ps->lock);
    return kOfxStatOK;
}
static OfxStatus propGetDimension(OfxPropertySetHandle h, const char *name, int *count) {
    PropSet *ps = (PropSet *)h;
    if (!ps_valid(ps)) return kOfxStatErrBadHandle;
    Prop *p = name ? ps_find(ps, name) : NULL;
    if (p == NULL) return kOfxStatErrUnknown;
    if (count == NULL) return kOfxStatErrValue;
    *count = p->n;
    return kOfxStatOK;
}

const OfxPropertySuiteV1 mf_property_suite = {
    propSetPointer, propSetString, propSetDouble, propSetInt,
    propSetPointerN, propSetStringN, propSetDoubleN, propSetIntN,
    propGetPointer, propGetString, propGetDouble, propGetInt,
    propGetPointerN, propGetStringN, propGetDoubleN, propGetIntN,
    propReset, propGetDimension,
};

/* ------------------------------------------------------------------ host-side helpers */

int ps_int(PropSet *ps, const char *name, int index, int fallback) {
    int v;
    return propGetInt((OfxPropertySetHandle)ps, name, index, &v) == kOfxStatOK ? v : fallback;
}
double ps_double(PropSet *ps, const char *name, int index, double fallback) {
    double v;
    return propGetDouble((OfxPropertySetHandle)ps, name, index, &v) == kOfxStatOK ? v : fallback;
}
const char *ps_string(PropSet *ps, const char *name, int index, const char *fallback) {
    char *v;
    return propGetString((OfxPropertySetHandle)ps, name, index, &v) == kOfxStatOK ? v : fallback;
}
int ps_dim(PropSet *ps, const char *name) {
    int n;
    return propGetDimension((OfxPropertySetHandle)ps, name, &n) == kOfxStatOK ? n : 0;
}
int ps_has_string(PropSet *ps, const char *name, const char *value) {
    int n = ps_dim(ps, name);
    for (int i = 0; i < n; i++) {
        const char *s = ps_string(ps, name, i, NULL);
        if (s != NULL && strcmp(s, value) == 0) return 1;
    }
    return 0;
}
void ps_set_int(PropSet *ps, const char *name, int index, int value) { propSetInt((OfxPropertySetHandle)ps, name, index, value); }
void ps_set_double(PropSet *ps, const char *name, int index, double value) { propSetDouble((OfxPropertySetHandle)ps, name, index, value); }
void ps_set_string(PropSet *ps, const char *name, int index, const char *value) { propSetString((OfxPropertySetHandle)ps, name, index, value); }
void ps_set_pointer(PropSet *ps, const char *name, int index, void *value) { propSetPointer((OfxPropertySetHandle)ps, name, index, value); }

static void print_escaped(const char *s, FILE *out) {
    for (; *s; s++) {
        if (*s == '\n') fputs("\\n", out);
        else if (*s == '\r') fputs("\\r", out);
        else fputc(*s, out);
    }
}

void ps_format_prop(const Prop *p, FILE *out) {
    fprintf(out, "%s=", p->name);
    for (int i = 0; i < p->n; i++) {
        if (i > 0) fputc(',', out);
        switch (p->kind) {
        case PROP_INT: fprintf(out, "%d", p->values[i].i); break;
        case PROP_DOUBLE: fprintf(out, "%.10g", p->values[i].d); break;
        case PROP_STRING: print_escaped(p->values[i].s, out); break;
        case PROP_POINTER: fprintf(out, "%p", p->values[i].p); break;
        }
    }
}
