/*
 * A tiny OFX gain effect used ONLY to test the test host (never shipped).
 *
 * org.manyfaces.test.Gain: out.rgb = in.rgb * gain(t) (only red with channel=red), alpha copied.
 * Byte images round half up and clamp; float images are multiplied as is. Rows are addressed with
 * signed row bytes, and the rows are split over two threads of the host's multithread suite.
 * gain == 1 with channel=all is reported as identity (the host copies Source).
 * Extra params exercise the host: "analyse" (push button) writes keys through the variadic
 * paramSetValueAtTime and a string through paramSetValue; "selftest" queries the keyframe API in
 * CreateInstance and posts the answers as a message; "leak" forgets to release the source image.
 * MF_GAIN_ROD_SCALE=N answers GetRegionOfDefinition with the Source's RoD times N (the pixels beyond
 * the source stay as the host allocated them), to check that the host sizes the output by the RoD.
 * MF_GAIN_THREAD_SAFETY=instance declares InstanceSafe instead of FullySafe; each instance then
 * reports the most renders it saw at the same time (DestroyInstance message "concurrency max=K").
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mf_ofx_abi.h"

static OfxHost *host;
static const OfxPropertySuiteV1 *props;
static const OfxImageEffectSuiteV1 *effects;
static const OfxParameterSuiteV1 *params;
static const OfxMessageSuiteV2 *messages;
static const OfxMultiThreadSuiteV1 *threads;
static int loaded;

static void set_host(OfxHost *h) { host = h; }

static OfxStatus on_load(void) {
    if (loaded) return kOfxStatFailed;          /* Load twice without Unload is a host bug */
    props = host->fetchSuite(host->host, kOfxPropertySuite, 1);
    effects = host->fetchSuite(host->host, kOfxImageEffectSuite, 1);
    params = host->fetchSuite(host->host, kOfxParameterSuite, 1);
    messages = host->fetchSuite(host->host, kOfxMessageSuite, 2);
    threads = host->fetchSuite(host->host, kOfxMultiThreadSuite, 1);
    if (!props || !effects || !params || !messages || !threads) return kOfxStatErrMissingHostFeature;
    loaded = 1;
    return kOfxStatOK;
}

/* Probes the property suite's error handling on the descriptor and posts what it saw (the test
 * compares with the codes the spec gives: ErrUnknown 3, ErrBadIndex 10, ErrValue 11). */
static void property_self_test(OfxImageEffectHandle effect, OfxPropertySetHandle p) {
    const char *slave = kOfxImageEffectPropClipPreferencesSlaveParam;   /* string x N, harmless */
    char *s0 = NULL, *s = NULL;
    int grow_dim = -1, reset_dim = -1, version[4] = {0, 0, 0, 0}, i;
    double d;
    props->propSetString(p, slave, 2, "c");                 /* variable dimension grows to 3 */
    props->propGetDimension(p, slave, &grow_dim);
    props->propGetString(p, slave, 0, &s0);
    int fill_empty = s0 != NULL && s0[0] == '\0';
    props->propReset(p, slave);
    props->propGetDimension(p, slave, &reset_dim);
    OfxStatus get_beyond = props->propGetString(p, kOfxPropLabel, 1, &s);
    OfxStatus set_beyond = props->propSetString(p, kOfxPropLabel, 1, "x");
    OfxStatus wrong_type = props->propGetInt(p, kOfxPropLabel, 0, &i);
    OfxStatus unknown = props->propGetDouble(p, "OfxNoSuchProperty", 0, &d);
    int unknown_dim_count;
    OfxStatus unknown_dim = props->propGetDimension(p, "OfxNoSuchProperty", &unknown_dim_count);
    int v[3] = {1, 2, 3};
    props->propSetIntN(p, kOfxPropVersion, 3, v);
    OfxStatus get_n_beyond = props->propGetIntN(p, kOfxPropVersion, 4, version);
    props->propGetIntN(p, kOfxPropVersion, 3, version);
    messages->message(effect, kOfxMessageLog, "propcheck",
                      "grow=%d fillEmpty=%d reset=%d getBeyond=%d setBeyondFixed=%d wrongType=%d unknown=%d unknownDim=%d getNBeyond=%d version=%d.%d.%d",
                      grow_dim, fill_empty, reset_dim, get_beyond, set_beyond, wrong_type, unknown, unknown_dim,
                      get_n_beyond, version[0], version[1], version[2]);
}

static OfxStatus describe(OfxImageEffectHandle effect) {
    OfxPropertySetHandle p;
    effects->getPropertySet(effect, &p);
    if (getenv("MF_GAIN_PROPCHECK") != NULL) property_self_test(effect, p);
    props->propSetString(p, kOfxPropLabel, 0, "Test Gain");
    props->propSetString(p, kOfxImageEffectPluginPropGrouping, 0, "ManyFaces Tests");
    props->propSetString(p, kOfxImageEffectPropSupportedContexts, 0, kOfxImageEffectContextFilter);
    props->propSetString(p, kOfxImageEffectPropSupportedPixelDepths, 0, kOfxBitDepthByte);
    props->propSetString(p, kOfxImageEffectPropSupportedPixelDepths, 1, kOfxBitDepthFloat);
    const char *safety = getenv("MF_GAIN_THREAD_SAFETY");
    props->propSetString(p, kOfxImageEffectPluginRenderThreadSafety, 0,
                         safety != NULL && strcmp(safety, "instance") == 0 ? kOfxImageEffectRenderInstanceSafe
                                                                           : kOfxImageEffectRenderFullySafe);
    if (getenv("MF_GAIN_TEMPORAL") != NULL) props->propSetInt(p, kOfxImageEffectPropTemporalClipAccess, 0, 1);
    /* a property this host does not know must be refused with ErrUnknown */
    if (props->propSetInt(p, "OfxNoSuchProperty", 0, 1) != kOfxStatErrUnknown) return kOfxStatFailed;
    if (props->propSetInt(p, kOfxPropLabel, 0, 1) != kOfxStatErrValue) return kOfxStatFailed;
    return kOfxStatOK;
}

static OfxStatus describe_in_context(OfxImageEffectHandle effect) {
    OfxPropertySetHandle clip, p;
    const char *comps[] = {kOfxImageComponentRGBA, kOfxImageComponentRGB};
    effects->clipDefine(effect, kOfxImageEffectSimpleSourceClipName, &clip);
    props->propSetStringN(clip, kOfxImageEffectPropSupportedComponents, 2, comps);
    effects->clipDefine(effect, kOfxImageEffectOutputClipName, &clip);
    props->propSetStringN(clip, kOfxImageEffectPropSupportedComponents, 2, comps);

    OfxParamSetHandle ps;
    effects->getParamSet(effect, &ps);
    params->paramDefine(ps, kOfxParamTypeDouble, "gain", &p);
    props->propSetString(p, kOfxPropLabel, 0, "Gain");
    props->propSetString(p, kOfxParamPropHint, 0, "multiplies R, G and B");
    props->propSetDouble(p, kOfxParamPropDefault, 0, 1.0);
    props->propSetDouble(p, kOfxParamPropMin, 0, 0.0);
    props->propSetDouble(p, kOfxParamPropMax, 0, 10.0);
    props->propSetDouble(p, kOfxParamPropDisplayMin, 0, 0.0);
    props->propSetDouble(p, kOfxParamPropDisplayMax, 0, 4.0);
    params->paramDefine(ps, kOfxParamTypeChoice, "channel", &p);
    props->propSetString(p, kOfxPropLabel, 0, "Channel");
    props->propSetString(p, kOfxParamPropChoiceOption, 0, "all");
    props->propSetString(p, kOfxParamPropChoiceOption, 1, "red");
    params->paramDefine(ps, kOfxParamTypeDouble2D, "offset", &p);
    double off[2] = {0.25, -1};
    props->propSetDoubleN(p, kOfxParamPropDefault, 2, off);
    params->paramDefine(ps, kOfxParamTypeString, "note", &p);
    props->propSetString(p, kOfxParamPropDefault, 0, "none");
    params->paramDefine(ps, kOfxParamTypeBoolean, "selftest", NULL);
    params->paramDefine(ps, kOfxParamTypeBoolean, "leak", NULL);
    params->paramDefine(ps, kOfxParamTypePushButton, "analyse", &p);
    props->propSetString(p, kOfxPropLabel, 0, "Analyse");
    /* duplicate names are refused */
    if (params->paramDefine(ps, kOfxParamTypeDouble, "gain", NULL) != kOfxStatErrExists) return kOfxStatFailed;
    return kOfxStatOK;
}

static OfxStatus render_image(OfxImageEffectHandle effect, OfxPropertySetHandle in);

static OfxParamHandle param(OfxImageEffectHandle effect, const char *name) {
    OfxParamSetHandle ps;
    OfxParamHandle h = NULL;
    effects->getParamSet(effect, &ps);
    params->paramGetHandle(ps, name, &h, NULL);
    return h;
}

/* Queries the keyframe API on "gain" and posts what it saw; the test compares with hand math. */
static void self_test(OfxImageEffectHandle effect) {
    OfxParamHandle g = param(effect, "gain");
    unsigned n = 0;
    double t0 = -1, t1 = -1, d = 0, integral = 0, v = 0;
    int next = -9, prev = -9, at = -9, none = -9;
    params->paramGetNumKeys(g, &n);
    params->paramGetKeyTime(g, 0, &t0);
    params->paramGetKeyTime(g, 1, &t1);
    OfxStatus bad = params->paramGetKeyTime(g, n, &v);
    params->paramGetKeyIndex(g, 4.0, 1, &next);
    params->paramGetKeyIndex(g, 4.0, -1, &prev);
    params->paramGetKeyIndex(g, 2.0, 0, &at);
    OfxStatus missing = params->paramGetKeyIndex(g, 3.0, 0, &none);
    params->paramGetDerivative(g, 4.0, &d);
    params->paramGetIntegral(g, 0.0, 8.0, &integral);
    params->paramGetValueAtTime(g, 5.0, &v);
    OfxStatus del_missing = params->paramDeleteKey(g, 5.0);
    messages->message(effect, kOfxMessageLog, "selftest",
                      "keys=%u t0=%g t1=%g badIndex=%d next=%d prev=%d at=%d missing=%d/%d deriv=%g integral=%g v5=%g deleteMissing=%d",
                      n, t0, t1, bad, next, prev, at, missing, none, d, integral, v, del_missing);
}

typedef struct {
    int seen[8];
    unsigned count;
    int spawned;
    OfxMutexHandle mutex;
    OfxStatus try_busy, try_free;
} ThreadProbe;

static void thread_probe(unsigned int index, unsigned int count, void *arg) {
    ThreadProbe *probe = arg;
    if (index < 8) __atomic_store_n(&probe->seen[index], 1, __ATOMIC_RELEASE);
    probe->count = count;
    unsigned int reported = 99;
    threads->multiThreadIndex(&reported);
    if (reported == index && threads->multiThreadIsSpawnedThread()) __atomic_add_fetch(&probe->spawned, 1, __ATOMIC_ACQ_REL);
}

static void try_lock_from_thread(unsigned int index, unsigned int count, void *arg) {
    (void)index;
    (void)count;
    ThreadProbe *probe = arg;
    OfxStatus st = threads->mutexTryLock(probe->mutex);
    if (st == kOfxStatOK) threads->mutexUnLock(probe->mutex);
    probe->try_busy = st;
}

/* Exercises the image effect, memory and multithread suites outside render. */
static void suites_self_test(OfxImageEffectHandle effect) {
    OfxImageMemoryHandle m = NULL;
    void *ptr = NULL;
    OfxStatus mem = effects->imageMemoryAlloc(effect, 1000, &m);
    if (mem == kOfxStatOK) mem = effects->imageMemoryLock(m, &ptr);
    int aligned = ptr != NULL && ((uintptr_t)ptr % 16) == 0;
    if (mem == kOfxStatOK) mem = effects->imageMemoryUnlock(m);
    if (mem == kOfxStatOK) mem = effects->imageMemoryFree(m);
    void *raw = NULL;
    const OfxMemorySuiteV1 *memory = host->fetchSuite(host->host, kOfxMemorySuite, 1);
    OfxStatus plain = memory->memoryAlloc(effect, 64, &raw);
    if (plain == kOfxStatOK) plain = memory->memoryFree(raw);

    OfxImageClipHandle src, dst;
    OfxPropertySetHandle img;
    effects->clipGetHandle(effect, kOfxImageEffectSimpleSourceClipName, &src, NULL);
    effects->clipGetHandle(effect, kOfxImageEffectOutputClipName, &dst, NULL);
    OfxStatus got = effects->clipGetImage(src, 0.0, NULL, &img);
    OfxStatus release = got == kOfxStatOK ? effects->clipReleaseImage(img) : got;
    OfxStatus double_release = got == kOfxStatOK ? effects->clipReleaseImage(img) : got;
    OfxPropertySetHandle other;
    OfxStatus output_outside = effects->clipGetImage(dst, 0.0, NULL, &other);
    OfxStatus out_of_range = effects->clipGetImage(src, 1e6, NULL, &other);
    OfxRectD rod = {-1, -1, -1, -1};
    effects->clipGetRegionOfDefinition(src, 0.0, &rod);
    OfxImageClipHandle none;
    OfxStatus unknown_clip = effects->clipGetHandle(effect, "NoSuchClip", &none, NULL);

    ThreadProbe probe;
    memset(&probe, 0, sizeof probe);
    threads->multiThread(thread_probe, 3, &probe);
    int main_spawned = threads->multiThreadIsSpawnedThread();
    threads->mutexCreate(&probe.mutex, 1);                         /* created locked once */
    threads->multiThread(try_lock_from_thread, 2, &probe);         /* other threads: busy */
    OfxStatus try_busy = probe.try_busy;
    OfxStatus recursive = threads->mutexLock(probe.mutex);          /* owner may lock again */
    if (recursive == kOfxStatOK) recursive = threads->mutexUnLock(probe.mutex);
    threads->mutexUnLock(probe.mutex);
    threads->multiThread(try_lock_from_thread, 2, &probe);         /* now free */
    OfxStatus try_free = probe.try_busy;
    threads->mutexDestroy(probe.mutex);
    messages->message(effect, kOfxMessageLog, "suitecheck",
                      "imageMemory=%d aligned=%d memory=%d release=%d doubleRelease=%d outputOutsideRender=%d outOfRange=%d "
                      "rod=%g,%g,%g,%g unknownClip=%d threads=%u indices=%d%d%d spawned=%d mainSpawned=%d tryBusy=%d recursive=%d tryFree=%d",
                      mem, aligned, plain, release, double_release, output_outside, out_of_range, rod.x1, rod.y1, rod.x2, rod.y2,
                      unknown_clip, probe.count, probe.seen[0], probe.seen[1], probe.seen[2], probe.spawned, main_spawned,
                      try_busy, recursive, try_free);
}

static OfxStatus instance_changed(OfxImageEffectHandle effect, OfxPropertySetHandle in) {
    char *name = NULL, *reason = NULL;
    props->propGetString(in, kOfxPropName, 0, &name);
    props->propGetString(in, kOfxPropChangeReason, 0, &reason);
    if (strcmp(reason, kOfxChangePluginEdited) == 0) {
        messages->message(effect, kOfxMessageLog, "edited", "plugin edited %s", name);
        return kOfxStatOK;
    }
    if (strcmp(name, "analyse") != 0) return kOfxStatReplyDefault;
    OfxParamSetHandle ps;
    effects->getParamSet(effect, &ps);
    params->paramEditBegin(ps, "analyse");
    OfxParamHandle g = param(effect, "gain");
    params->paramSetValueAtTime(g, 0.0, 0.5);
    params->paramSetValueAtTime(g, 10.0, 1.5);
    params->paramSetValue(param(effect, "note"), "analysed");
    params->paramSetValue(param(effect, "offset"), 3.5, 4.5);
    params->paramEditEnd(ps);
    int leak = 0;
    params->paramGetValue(param(effect, "leak"), &leak);
    if (leak) {                                   /* analyse a frame and forget to release it */
        OfxImageClipHandle src;
        OfxPropertySetHandle img;
        effects->clipGetHandle(effect, kOfxImageEffectSimpleSourceClipName, &src, NULL);
        effects->clipGetImage(src, 0.0, NULL, &img);
    }
    OfxStatus bad_choice = params->paramSetValue(param(effect, "channel"), 2);   /* only 0 and 1 exist */
    if (bad_choice != kOfxStatErrValue) return kOfxStatFailed;
    messages->message(effect, kOfxMessageMessage, "analyse", "analysed %d keys", 2);
    return kOfxStatOK;
}

typedef struct {
    unsigned char *src, *dst;
    int src_rb, dst_rb, width, height, comps, is_float, red_only;
    double gain;
} Job;

static void render_rows(unsigned int index, unsigned int count, void *arg) {
    const Job *j = arg;
    int y0 = j->height * (int)index / (int)count, y1 = j->height * (int)(index + 1) / (int)count;
    for (int y = y0; y < y1; y++) {
        const unsigned char *s = j->src + (ptrdiff_t)y * j->src_rb;
        unsigned char *d = j->dst + (ptrdiff_t)y * j->dst_rb;
        for (int x = 0; x < j->width; x++) {
            for (int c = 0; c < j->comps; c++) {
                double g = (c < 3 && (!j->red_only || c == 0)) ? j->gain : 1.0;
                if (j->is_float) {
                    ((float *)d)[x * j->comps + c] = (float)(((const float *)s)[x * j->comps + c] * g);
                } else {
                    double v = floor(s[x * j->comps + c] * g + 0.5);
                    d[x * j->comps + c] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
                }
            }
        }
    }
}

/* Per-instance counters of renders in flight, kept as the instance's private data. */
typedef struct { int in_flight, max_in_flight; } Concurrency;

static Concurrency *concurrency(OfxImageEffectHandle effect) {
    OfxPropertySetHandle p;
    void *data = NULL;
    effects->getPropertySet(effect, &p);
    props->propGetPointer(p, kOfxPropInstanceData, 0, &data);
    return data;
}

static OfxStatus render(OfxImageEffectHandle effect, OfxPropertySetHandle in) {
    Concurrency *c = concurrency(effect);
    int now = __atomic_add_fetch(&c->in_flight, 1, __ATOMIC_ACQ_REL);
    int seen = __atomic_load_n(&c->max_in_flight, __ATOMIC_ACQUIRE);
    while (now > seen && !__atomic_compare_exchange_n(&c->max_in_flight, &seen, now, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    }
    struct timespec pause = {0, 2000000};          /* 2 ms: long enough for renders to overlap */
    nanosleep(&pause, NULL);
    OfxStatus st = render_image(effect, in);
    __atomic_sub_fetch(&c->in_flight, 1, __ATOMIC_ACQ_REL);
    return st;
}

static OfxStatus render_image(OfxImageEffectHandle effect, OfxPropertySetHandle in) {
    double t;
    props->propGetDouble(in, kOfxPropTime, 0, &t);
    double gain = 1;
    int channel = 0, leak = 0;
    params->paramGetValueAtTime(param(effect, "gain"), t, &gain);
    params->paramGetValueAtTime(param(effect, "channel"), t, &channel);
    params->paramGetValueAtTime(param(effect, "leak"), t, &leak);
    OfxImageClipHandle src_clip, dst_clip;
    effects->clipGetHandle(effect, kOfxImageEffectSimpleSourceClipName, &src_clip, NULL);
    effects->clipGetHandle(effect, kOfxImageEffectOutputClipName, &dst_clip, NULL);
    OfxPropertySetHandle src, dst;
    if (getenv("MF_GAIN_FETCH_PREVIOUS") != NULL) {      /* a temporal fetch: the frame before this one */
        OfxPropertySetHandle prev;
        OfxStatus st = effects->clipGetImage(src_clip, t - 1, NULL, &prev);
        if (st == kOfxStatOK) effects->clipReleaseImage(prev);
        messages->message(effect, kOfxMessageLog, "previous", "frame=%g previous=%d", t, st);
    }
    if (effects->clipGetImage(src_clip, t, NULL, &src) != kOfxStatOK) return kOfxStatFailed;
    if (effects->clipGetImage(dst_clip, t, NULL, &dst) != kOfxStatOK) {
        effects->clipReleaseImage(src);
        return kOfxStatFailed;
    }
    Job j;
    int bounds[4];
    char *depth, *comps;
    void *sp, *dp;
    props->propGetPointer(src, kOfxImagePropData, 0, &sp);
    props->propGetPointer(dst, kOfxImagePropData, 0, &dp);
    props->propGetInt(src, kOfxImagePropRowBytes, 0, &j.src_rb);
    props->propGetInt(dst, kOfxImagePropRowBytes, 0, &j.dst_rb);
    props->propGetIntN(dst, kOfxImagePropBounds, 4, bounds);
    props->propGetString(dst, kOfxImageEffectPropPixelDepth, 0, &depth);
    props->propGetString(dst, kOfxImageEffectPropComponents, 0, &comps);
    j.src = sp;
    j.dst = dp;
    int src_bounds[4];
    props->propGetIntN(src, kOfxImagePropBounds, 4, src_bounds);
    /* the output may be larger than the source (MF_GAIN_ROD_SCALE): gain only what both cover */
    int dw = bounds[2] - bounds[0], dh = bounds[3] - bounds[1];
    int sw = src_bounds[2] - src_bounds[0], sh = src_bounds[3] - src_bounds[1];
    j.width = dw < sw ? dw : sw;
    j.height = dh < sh ? dh : sh;
    j.comps = strcmp(comps, kOfxImageComponentRGBA) == 0 ? 4 : 3;
    j.is_float = strcmp(depth, kOfxBitDepthFloat) == 0;
    j.red_only = channel == 1;
    j.gain = gain;
    OfxStatus st = threads->multiThread(render_rows, 2, &j);
    if (!leak) effects->clipReleaseImage(src);
    effects->clipReleaseImage(dst);
    return st;
}

static OfxStatus region_of_definition(OfxImageEffectHandle effect, OfxPropertySetHandle in, OfxPropertySetHandle out) {
    const char *scale = getenv("MF_GAIN_ROD_SCALE");
    if (scale == NULL) return kOfxStatReplyDefault;
    double t = 0;
    props->propGetDouble(in, kOfxPropTime, 0, &t);
    OfxImageClipHandle src_clip;
    effects->clipGetHandle(effect, kOfxImageEffectSimpleSourceClipName, &src_clip, NULL);
    OfxRectD rod;
    if (effects->clipGetRegionOfDefinition(src_clip, t, &rod) != kOfxStatOK) return kOfxStatFailed;
    double k = atof(scale);
    double r[4] = {rod.x1 * k, rod.y1 * k, rod.x2 * k, rod.y2 * k};
    props->propSetDoubleN(out, kOfxImageEffectPropRegionOfDefinition, 4, r);
    return kOfxStatOK;
}

static OfxStatus is_identity(OfxImageEffectHandle effect, OfxPropertySetHandle in, OfxPropertySetHandle out) {
    double t, gain = 0;
    int channel = 0;
    props->propGetDouble(in, kOfxPropTime, 0, &t);
    params->paramGetValueAtTime(param(effect, "gain"), t, &gain);
    params->paramGetValueAtTime(param(effect, "channel"), t, &channel);
    if (gain != 1.0 || channel != 0) return kOfxStatReplyDefault;
    props->propSetString(out, kOfxPropName, 0, kOfxImageEffectSimpleSourceClipName);
    return kOfxStatOK;
}

static OfxStatus main_entry(const char *action, const void *handle, OfxPropertySetHandle in, OfxPropertySetHandle out) {
    OfxImageEffectHandle effect = (OfxImageEffectHandle)handle;
    if (strcmp(action, kOfxActionLoad) == 0) return on_load();
    if (strcmp(action, kOfxActionUnload) == 0) { loaded = 0; return kOfxStatOK; }
    if (strcmp(action, kOfxActionDescribe) == 0) return describe(effect);
    if (strcmp(action, kOfxImageEffectActionDescribeInContext) == 0) return describe_in_context(effect);
    if (strcmp(action, kOfxActionDestroyInstance) == 0) {
        Concurrency *c = concurrency(effect);
        messages->message(effect, kOfxMessageLog, "concurrency", "concurrency max=%d", c->max_in_flight);
        free(c);
        return kOfxStatOK;
    }
    if (strcmp(action, kOfxActionCreateInstance) == 0) {
        OfxPropertySetHandle p;
        effects->getPropertySet(effect, &p);
        props->propSetPointer(p, kOfxPropInstanceData, 0, calloc(1, sizeof(Concurrency)));
        int selftest = 0;
        params->paramGetValue(param(effect, "selftest"), &selftest);
        if (selftest) {
            self_test(effect);
            suites_self_test(effect);
        }
        return kOfxStatOK;
    }
    if (strcmp(action, kOfxActionInstanceChanged) == 0) return instance_changed(effect, in);
    if (strcmp(action, kOfxImageEffectActionIsIdentity) == 0) return is_identity(effect, in, out);
    if (strcmp(action, kOfxImageEffectActionGetRegionOfDefinition) == 0) return region_of_definition(effect, in, out);
    if (strcmp(action, kOfxImageEffectActionRender) == 0) return render(effect, in);
    return kOfxStatReplyDefault;
}

static OfxPlugin gain_plugin = {kOfxImageEffectPluginApi, 1, "org.manyfaces.test.Gain", 1, 2, set_host, main_entry};

__attribute__((visibility("default"))) int OfxGetNumberOfPlugins(void) { return 1; }
__attribute__((visibility("default"))) OfxPlugin *OfxGetPlugin(int nth) { return nth == 0 ? &gain_plugin : NULL; }
