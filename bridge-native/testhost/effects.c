/*
 * Effects (descriptors and instances), clips, images, and the OFX image effect suite.
 *
 * Images are allocated per clipGetImage with the depth, components and row layout chosen on the
 * command line; every successful clipGetImage must be matched by clipReleaseImage (the render loop
 * counts what is still alive after Render returns and reports it as a leak).
 */
#define _GNU_SOURCE
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"

static void define_effect_descriptor_props(PropSet *ps, const char *bundle_path) {
    ps_def_string(ps, kOfxPropType, kOfxTypeImageEffect);
    ps_def_string(ps, kOfxPropLabel, "");
    ps_def_string(ps, kOfxPropShortLabel, "");
    ps_def_string(ps, kOfxPropLongLabel, "");
    ps_def_ints(ps, kOfxPropVersion, -1, 0, NULL);
    ps_def_string(ps, kOfxPropVersionLabel, "");
    ps_def_string(ps, kOfxPropPluginDescription, "");
    ps_def_string(ps, kOfxImageEffectPluginPropGrouping, "");
    ps_def_strings(ps, kOfxImageEffectPropSupportedContexts, -1, 0, NULL);
    ps_def_strings(ps, kOfxImageEffectPropSupportedPixelDepths, -1, 0, NULL);
    ps_def_int(ps, kOfxImageEffectPluginPropSingleInstance, 0);
    ps_def_string(ps, kOfxImageEffectPluginRenderThreadSafety, kOfxImageEffectRenderInstanceSafe);
    ps_def_int(ps, kOfxImageEffectPluginPropHostFrameThreading, 1);
    ps_def_int(ps, kOfxImageEffectPropSupportsMultiResolution, 1);
    ps_def_int(ps, kOfxImageEffectPropSupportsTiles, 1);
    ps_def_int(ps, kOfxImageEffectPropTemporalClipAccess, 0);
    ps_def_int(ps, kOfxImageEffectPropSupportsMultipleClipDepths, 0);
    ps_def_int(ps, kOfxImageEffectPropSupportsMultipleClipPARs, 0);
    ps_def_int(ps, kOfxImageEffectPluginPropFieldRenderTwiceAlways, 1);
    ps_def_strings(ps, kOfxImageEffectPropClipPreferencesSlaveParam, -1, 0, NULL);
    ps_def_string(ps, kOfxPluginPropFilePath, bundle_path);
    ps_def_pointer(ps, "OfxImageEffectPluginPropOverlayInteractV1", NULL);
    ps_def_pointer(ps, "OfxImageEffectPluginPropOverlayInteractV2", NULL);
    ps_def_string(ps, "OfxImageEffectPropOpenGLRenderSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropCudaRenderSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropCudaStreamSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropMetalRenderSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropOpenCLRenderSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropOpenCLSupported", "false");
    ps_def_string(ps, "OfxImageEffectPropCPURenderSupported", "true");
}

static Effect *effect_alloc(void) {
    Effect *e = calloc(1, sizeof *e);
    if (e == NULL) abort();
    e->magic = MF_MAGIC_EFFECT;
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&e->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    pthread_mutex_init(&e->render_lock, NULL);
    return e;
}

Effect *effect_new_descriptor(const char *bundle_path) {
    Effect *e = effect_alloc();
    e->is_descriptor = 1;
    e->props = ps_new();
    define_effect_descriptor_props(e->props, bundle_path);
    e->params = paramset_new(e);
    return e;
}

/* DescribeInContext works on a copy of the Describe descriptor, as hosts do. */
Effect *effect_clone_descriptor(const Effect *base, const char *context) {
    Effect *e = effect_alloc();
    e->is_descriptor = 1;
    e->props = ps_clone(base->props);
    ps_def_string(e->props, kOfxImageEffectPropContext, context);
    e->params = paramset_new(e);
    return e;
}

static Clip *clip_new(Effect *e, const char *name, PropSet *props) {
    Clip *c = calloc(1, sizeof *c);
    if (c == NULL) abort();
    c->magic = MF_MAGIC_CLIP;
    c->name = strdup(name);
    c->props = props;
    c->effect = e;
    return c;
}

int scaled_size(int full, double scale) {
    if (full <= 0) return 0;                /* an empty frame (--size 0xH) stays empty */
    int n = (int)ceil(full * scale - 1e-9);
    return n < 1 ? 1 : n;
}

Effect *effect_new_instance(const Effect *d, const RunConfig *cfg, int index) {
    Effect *e = effect_alloc();
    e->cfg = cfg;
    e->index = index;
    e->props = ps_clone(d->props);
    PropSet *ps = e->props;
    int w = cfg->width, h = cfg->height;
    ps_set_string(ps, kOfxPropType, 0, kOfxTypeImageEffectInstance);
    ps_def_string(ps, kOfxImageEffectPropContext,
                  ps_string(d->props, kOfxImageEffectPropContext, 0, kOfxImageEffectContextFilter));
    ps_def_pointer(ps, kOfxPropInstanceData, NULL);
    double size[2] = {w, h}, zero[2] = {0, 0};
    ps_def_doubles(ps, kOfxImageEffectPropProjectSize, 2, 2, size);
    ps_def_doubles(ps, kOfxImageEffectPropProjectOffset, 2, 2, zero);
    ps_def_doubles(ps, kOfxImageEffectPropProjectExtent, 2, 2, size);
    ps_def_double(ps, kOfxImageEffectPropProjectPixelAspectRatio, 1.0);
    ps_def_double(ps, kOfxImageEffectInstancePropEffectDuration, cfg->last_frame - cfg->first_frame + 1);
    ps_def_double(ps, kOfxImageEffectPropFrameRate, 25.0);
    ps_def_int(ps, kOfxImageEffectInstancePropSequentialRender, 0);
    ps_def_int(ps, kOfxPropIsInteractive, 0);
    e->params = paramset_instantiate(d->params, e);
    e->current_time = cfg->first_frame;

    const char *depth = cfg_depth_name(cfg);
    const char *comps = cfg_components_name(cfg);
    double range[2] = {cfg->first_frame, cfg->last_frame};
    for (int i = 0; i < d->nclips; i++) {
        PropSet *cp = ps_clone(d->clips[i]->props);
        ps_def_string(cp, kOfxImageEffectPropPixelDepth, depth);
        ps_def_string(cp, kOfxImageEffectPropComponents, comps);
        ps_def_string(cp, kOfxImageClipPropUnmappedPixelDepth, depth);
        ps_def_string(cp, kOfxImageClipPropUnmappedComponents, comps);
        ps_def_string(cp, kOfxImageEffectPropPreMultiplication,
                      cfg->components == 4 && cfg->input.has_alpha ? kOfxImageUnPreMultiplied : kOfxImageOpaque);
        ps_def_double(cp, kOfxImagePropPixelAspectRatio, 1.0);
        ps_def_double(cp, kOfxImageEffectPropFrameRate, 25.0);
        ps_def_double(cp, kOfxImageEffectPropUnmappedFrameRate, 25.0);
        if (!quirks.no_frame_range) {
            ps_def_doubles(cp, kOfxImageEffectPropFrameRange, 2, 2, range);
            ps_def_doubles(cp, kOfxImageEffectPropUnmappedFrameRange, 2, 2, range);
        }
        ps_def_string(cp, kOfxImageClipPropFieldOrder, kOfxImageFieldNone);
        /* The mask clip is connected only when --mask gave it an image. */
        ps_def_int(cp, kOfxImageClipPropConnected, strcmp(d->clips[i]->name, MF_MASK_CLIP) != 0 || cfg->has_mask);
        ps_def_int(cp, kOfxImageClipPropContinuousSamples, 0);
        e->clips[e->nclips++] = clip_new(e, d->clips[i]->name, cp);
    }
    return e;
}

void effect_free(Effect *e) {
    if (e == NULL) return;
    for (int i = 0; i < e->nclips; i++) {
        ps_free(e->clips[i]->props);
        free(e->clips[i]->name);
        e->clips[i]->magic = 0;
        free(e->clips[i]);
    }
    effect_release_all_leaks(e);
    while (e->outputs != NULL) effect_clear_output(e, e->outputs->time);
    for (int i = 0; i < e->nchanged; i++) free(e->changed[i]);
    paramset_free(e->params);
    ps_free(e->props);
    pthread_mutex_destroy(&e->lock);
    pthread_mutex_destroy(&e->render_lock);
    e->magic = 0;
    free(e);
}

Clip *effect_find_clip(Effect *e, const char *name) {
    for (int i = 0; i < e->nclips; i++) if (strcmp(e->clips[i]->name, name) == 0) return e->clips[i];
    return NULL;
}

void effect_set_output(Effect *e, double time, ImageBuffer *buffer) {
    OutputSlot *slot = calloc(1, sizeof *slot);
    if (slot == NULL) abort();
    slot->time = time;
    slot->buffer = buffer;
    pthread_mutex_lock(&e->lock);
    slot->next = e->outputs;
    e->outputs = slot;
    pthread_mutex_unlock(&e->lock);
}

void effect_clear_output(Effect *e, double time) {
    pthread_mutex_lock(&e->lock);
    for (OutputSlot **s = &e->outputs; *s != NULL; s = &(*s)->next) {
        if ((*s)->time == time) {
            OutputSlot *dead = *s;
            *s = dead->next;
            free(dead);
            break;
        }
    }
    pthread_mutex_unlock(&e->lock);
}

/* Every image handed out and not yet released, so that a release of a stale or foreign handle is
 * answered with ErrBadHandle without touching freed memory. */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static Image **registry;
static int registry_n, registry_cap;

static void registry_add(Image *img) {
    pthread_mutex_lock(&registry_lock);
    if (registry_n == registry_cap) {
        registry_cap = registry_cap ? registry_cap * 2 : 64;
        registry = realloc(registry, (size_t)registry_cap * sizeof *registry);
        if (registry == NULL) abort();
    }
    registry[registry_n++] = img;
    pthread_mutex_unlock(&registry_lock);
}

/* Removes the image whose property set is ps; returns it, or NULL if it is not live. */
static Image *registry_take(const PropSet *ps, const Image *img) {
    Image *found = NULL;
    pthread_mutex_lock(&registry_lock);
    for (int i = 0; i < registry_n; i++) {
        if ((ps != NULL && registry[i]->props == ps) || registry[i] == img) {
            found = registry[i];
            registry[i] = registry[--registry_n];
            break;
        }
    }
    pthread_mutex_unlock(&registry_lock);
    return found;
}

static void image_destroy(Image *img) {
    if (img->owns_buffer) image_buffer_free(&img->buffer);
    ps_free(img->props);
    free(img);
}

int effect_release_leaks(Effect *e, double time) {
    int leaked = 0;
    pthread_mutex_lock(&e->lock);
    for (Image **i = &e->live_images; *i != NULL;) {
        if ((*i)->time == time) {
            Image *dead = *i;
            *i = dead->next;
            registry_take(NULL, dead);
            image_destroy(dead);
            leaked++;
        } else {
            i = &(*i)->next;
        }
    }
    pthread_mutex_unlock(&e->lock);
    return leaked;
}

int effect_release_all_leaks(Effect *e) {
    int leaked = 0;
    for (;;) {
        pthread_mutex_lock(&e->lock);
        Image *img = e->live_images;
        double t = img != NULL ? img->time : 0;
        pthread_mutex_unlock(&e->lock);
        if (img == NULL) return leaked;
        leaked += effect_release_leaks(e, t);
    }
}

void effect_note_param_changed(Effect *e, const char *name) {
    pthread_mutex_lock(&e->lock);
    if (e->created && e->nchanged < 64) {
        int known = 0;
        for (int i = 0; i < e->nchanged; i++) if (strcmp(e->changed[i], name) == 0) known = 1;
        if (!known) e->changed[e->nchanged++] = strdup(name);
    }
    pthread_mutex_unlock(&e->lock);
}

/* ------------------------------------------------------------------ image buffers */

const char *cfg_depth_name(const RunConfig *cfg) {
    return cfg->float_depth ? kOfxBitDepthFloat : cfg->short_depth ? kOfxBitDepthShort : kOfxBitDepthByte;
}

const char *cfg_components_name(const RunConfig *cfg) {
    return cfg->components == 4 ? kOfxImageComponentRGBA : cfg->components == 3 ? kOfxImageComponentRGB
                                                                                 : kOfxImageComponentAlpha;
}

static long bytes_per_channel(const ImageBuffer *b) {
    return b->float_depth ? 4 : b->short_depth ? 2 : 1;
}

int image_buffer_new(ImageBuffer *b, const RunConfig *cfg, int width, int height) {
    memset(b, 0, sizeof *b);
    b->width = width;
    b->height = height;
    b->float_depth = cfg->float_depth;
    b->short_depth = cfg->short_depth;
    b->components = cfg->components;
    long pixel = (long)cfg->components * bytes_per_channel(b);
    long row = pixel * width + (cfg->rows == ROWS_PADDED ? 64 : 0);
    if (posix_memalign(&b->alloc, 64, (size_t)(row * height)) != 0) return -1;
    memset(b->alloc, 0, (size_t)(row * height));
    if (cfg->rows == ROWS_NEGATIVE && height > 0) {
        /* a top-down buffer: the bottom image row is the last row in memory */
        b->data = (unsigned char *)b->alloc + (size_t)(row * (height - 1));
        b->row_bytes = -row;
    } else {
        b->data = b->alloc;
        b->row_bytes = row;
    }
    return 0;
}

void image_buffer_free(ImageBuffer *b) {
    free(b->alloc);
    memset(b, 0, sizeof *b);
}

static unsigned char *pixel_address(const ImageBuffer *b, int x, int y) {
    long pixel = (long)b->components * bytes_per_channel(b);
    return b->data + (ptrdiff_t)y * b->row_bytes + (ptrdiff_t)x * pixel;
}

/* Alpha-only images hold channel 3 alone: RGBA channel c lives at index c - first. */
static int first_channel(const ImageBuffer *b) {
    return b->components == 1 ? 3 : 0;
}

void image_buffer_pixel(const ImageBuffer *b, int x, int y, float out[4]) {
    const unsigned char *p = pixel_address(b, x, y);
    int first = first_channel(b);
    out[0] = out[1] = out[2] = 0.0f;
    out[3] = 1.0f;
    for (int i = 0; i < b->components; i++) {
        out[first + i] = b->float_depth ? ((const float *)p)[i]
                         : b->short_depth ? ((const uint16_t *)p)[i] / 65535.0f : p[i] / 255.0f;
    }
}

static void store_pixel(ImageBuffer *b, int x, int y, const float in_rgba[4]) {
    unsigned char *p = pixel_address(b, x, y);
    const float *in = in_rgba + first_channel(b);
    for (int c = 0; c < b->components; c++) {
        if (b->float_depth) ((float *)p)[c] = in[c];
        else if (b->short_depth) {
            float v = in[c] * 65535.0f;
            ((uint16_t *)p)[c] = (uint16_t)(v <= 0 ? 0 : v >= 65535 ? 65535 : (int)floorf(v + 0.5f));
        } else {
            float v = in[c] * 255.0f;
            p[c] = (unsigned char)(v <= 0 ? 0 : v >= 255 ? 255 : (int)floorf(v + 0.5f));
        }
    }
}

const InputImage *input_at(const RunConfig *cfg, double time) {
    if (cfg->nframes == 0) return &cfg->input;
    long i = lround(time) - cfg->first_frame;
    if (i < 0) i = 0;
    if (i >= cfg->nframes) i = cfg->nframes - 1;
    return &cfg->frames[i];
}

/* --frame-cache: an editor keeps decoded frames in its cache and hands every effect the same read-only
 * buffer; this host then builds each input file's image once (at the run's depth, components, row layout
 * and render scale, all fixed for a run) instead of per clipGetImage, so a timed render measures the
 * effect rather than this host's per-pixel conversion. */
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

const ImageBuffer *cached_source_image(const RunConfig *cfg, double time) {
    if (!cfg->frame_cache || cfg->cached == NULL) return NULL;
    int owner = input_at(cfg, time)->owner;
    pthread_mutex_lock(&cache_lock);
    ImageBuffer *b = cfg->cached[owner];
    if (b == NULL) {
        b = calloc(1, sizeof *b);
        int w = scaled_size(cfg->width, cfg->render_scale), h = scaled_size(cfg->height, cfg->render_scale);
        if (b != NULL && image_buffer_new(b, cfg, w, h) == 0) {
            image_buffer_fill_from_frame(b, cfg, time);
            cfg->cached[owner] = b;
        } else {
            free(b);
            b = NULL;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return b;
}

/* Converts the (top-down) input into the buffer, nearest-neighbour resampled to the render scale. */
void image_buffer_fill_from_input(ImageBuffer *b, const RunConfig *cfg) {
    image_buffer_fill_from_frame(b, cfg, cfg->first_frame);
}

/* the source image of frame `time` (the one input file, or the sequence's frame nearest to time) */
void image_buffer_fill_from_frame(ImageBuffer *b, const RunConfig *cfg, double time) {
    image_buffer_fill_from(b, input_at(cfg, time), cfg);
}

/* in (an input frame, or the mask of the same size) resampled (nearest) to the frame size and render scale. */
void image_buffer_fill_from(ImageBuffer *b, const InputImage *in, const RunConfig *cfg) {
    /* --size: the frame is the input stretched to that size; the factor is 1 exactly when it is not given */
    double fx = cfg->width == in->width ? 1.0 : (double)in->width / cfg->width;
    double fy = cfg->height == in->height ? 1.0 : (double)in->height / cfg->height;
    for (int y = 0; y < b->height; y++) {
        int sy = (int)((y + 0.5) / cfg->render_scale * fy);
        if (sy >= in->height) sy = in->height - 1;
        int file_row = in->height - 1 - sy;              /* OFX rows count from the bottom */
        for (int x = 0; x < b->width; x++) {
            int sx = (int)((x + 0.5) / cfg->render_scale * fx);
            if (sx >= in->width) sx = in->width - 1;
            store_pixel(b, x, y, &in->rgba[((size_t)file_row * in->width + sx) * 4]);
        }
    }
}

void image_buffer_copy(ImageBuffer *dst, const ImageBuffer *src) {
    for (int y = 0; y < dst->height && y < src->height; y++) {
        for (int x = 0; x < dst->width && x < src->width; x++) {
            float px[4];
            image_buffer_pixel(src, x, y, px);
            store_pixel(dst, x, y, px);
        }
    }
}

/* ------------------------------------------------------------------ the suite */

static int valid_effect(OfxImageEffectHandle h) { return h != NULL && ((Effect *)h)->magic == MF_MAGIC_EFFECT; }
static int valid_clip(OfxImageClipHandle h) { return h != NULL && ((Clip *)h)->magic == MF_MAGIC_CLIP; }

static OfxStatus getPropertySet(OfxImageEffectHandle h, OfxPropertySetHandle *out) {
    if (!valid_effect(h)) return kOfxStatErrBadHandle;
    if (out == NULL) return kOfxStatErrValue;
    *out = (OfxPropertySetHandle)((Effect *)h)->props;
    return kOfxStatOK;
}

static OfxStatus getParamSet(OfxImageEffectHandle h, OfxParamSetHandle *out) {
    if (!valid_effect(h)) return kOfxStatErrBadHandle;
    if (out == NULL) return kOfxStatErrValue;
    *out = (OfxParamSetHandle)((Effect *)h)->params;
    return kOfxStatOK;
}

static OfxStatus clipDefine(OfxImageEffectHandle h, const char *name, OfxPropertySetHandle *out) {
    if (!valid_effect(h)) return kOfxStatErrBadHandle;
    Effect *e = (Effect *)h;
    if (!e->is_descriptor) return kOfxStatErrUnsupported;
    if (name == NULL || *name == '\0') return kOfxStatErrValue;
    if (effect_find_clip(e, name) != NULL) return kOfxStatErrExists;
    if (e->nclips >= 16) return kOfxStatErrMemory;
    PropSet *ps = ps_new();
    ps_def_string(ps, kOfxPropType, kOfxTypeClip);
    ps_def_string(ps, kOfxPropName, name);
    ps_def_string(ps, kOfxPropLabel, name);
    ps_def_string(ps, kOfxPropShortLabel, name);
    ps_def_string(ps, kOfxPropLongLabel, name);
    ps_def_strings(ps, kOfxImageEffectPropSupportedComponents, -1, 0, NULL);
    ps_def_int(ps, kOfxImageEffectPropTemporalClipAccess, 0);
    ps_def_int(ps, kOfxImageClipPropOptional, 0);
    ps_def_string(ps, kOfxImageClipPropFieldExtraction, "OfxFieldDoubled");
    ps_def_int(ps, kOfxImageClipPropIsMask, 0);
    ps_def_int(ps, kOfxImageEffectPropSupportsTiles, 1);
    e->clips[e->nclips++] = clip_new(e, name, ps);
    if (out != NULL) *out = (OfxPropertySetHandle)ps;
    return kOfxStatOK;
}

static OfxStatus clipGetHandle(OfxImageEffectHandle h, const char *name, OfxImageClipHandle *clip, OfxPropertySetHandle *props) {
    if (!valid_effect(h)) return kOfxStatErrBadHandle;
    if (name == NULL || clip == NULL) return kOfxStatErrValue;
    Clip *c = effect_find_clip((Effect *)h, name);
    if (c == NULL && quirks.null_optional_clips) {
        /* MLT: a clip the instance does not have is "found", as a NULL handle */
        *clip = NULL;
        if (props != NULL) *props = NULL;
        return kOfxStatOK;
    }
    if (c == NULL) return kOfxStatErrUnknown;
    *clip = (OfxImageClipHandle)c;
    if (props != NULL) *props = (OfxPropertySetHandle)c->props;
    return kOfxStatOK;
}

static OfxStatus clipGetPropertySet(OfxImageClipHandle h, OfxPropertySetHandle *out) {
    if (!valid_clip(h)) return kOfxStatErrBadHandle;
    if (out == NULL) return kOfxStatErrValue;
    *out = (OfxPropertySetHandle)((Clip *)h)->props;
    return kOfxStatOK;
}

static OfxStatus clipGetImage(OfxImageClipHandle h, OfxTime time, const OfxRectD *region, OfxPropertySetHandle *out) {
    (void)region;        /* this host always hands out the full image */
    if (!valid_clip(h)) return kOfxStatErrBadHandle;
    if (out == NULL) return kOfxStatErrValue;
    Clip *clip = (Clip *)h;
    Effect *e = clip->effect;
    if (e->is_descriptor || e->cfg == NULL) return kOfxStatErrBadHandle;
    const RunConfig *cfg = e->cfg;
    if (time < cfg->first_frame - 1e-9 || time > cfg->last_frame + 1e-9) return kOfxStatFailed;
    Image *img = calloc(1, sizeof *img);
    if (img == NULL) return kOfxStatErrMemory;
    img->time = time;
    img->clip = clip;
    int is_output = strcmp(clip->name, kOfxImageEffectOutputClipName) == 0;
    if (is_output) {
        ImageBuffer *target = NULL;
        pthread_mutex_lock(&e->lock);
        for (OutputSlot *s = e->outputs; s != NULL; s = s->next) if (s->time == time) target = s->buffer;
        pthread_mutex_unlock(&e->lock);
        if (target == NULL) { free(img); return kOfxStatFailed; }   /* not being rendered now */
        img->buffer = *target;
        img->owns_buffer = 0;
    } else {
        int is_mask = strcmp(clip->name, MF_MASK_CLIP) == 0;
        if (is_mask && !cfg->has_mask) { free(img); return kOfxStatFailed; }   /* not connected */
        /* Inside a render, an effect that did not declare temporal clip access may fetch only the frame
         * being rendered (as strict hosts enforce); outside renders (analysis in InstanceChanged, ...) any. */
        int rendering = 0, this_frame = 0;
        double rendered_time = time;
        pthread_mutex_lock(&e->lock);
        for (OutputSlot *s = e->outputs; s != NULL; s = s->next) {
            rendering = 1;
            rendered_time = s->time;
            if (s->time == time) this_frame = 1;
        }
        pthread_mutex_unlock(&e->lock);
        if (rendering && (quirks.no_temporal || quirks.fake_temporal)) {
            /* MLT: the Source image is the frame being rendered, whatever time is asked */
            time = rendered_time;
            img->time = time;
            this_frame = 1;
        }
        if (rendering && !this_frame && !ps_int(e->props, kOfxImageEffectPropTemporalClipAccess, 0, 0)) {
            fprintf(stderr, "ofx-testhost: clipGetImage(%s, %g) refused: another frame than the one being rendered, "
                    "and the effect did not declare temporal clip access\n", clip->name, time);
            free(img);
            return kOfxStatFailed;
        }
        const ImageBuffer *shared = is_mask ? NULL : cached_source_image(cfg, time);
        if (shared != NULL) {
            img->buffer = *shared;   /* the cache's buffer, read-only for the effect; freed at exit */
            img->owns_buffer = 0;
        } else {
            int w = scaled_size(cfg->width, cfg->render_scale), hgt = scaled_size(cfg->height, cfg->render_scale);
            if (image_buffer_new(&img->buffer, cfg, w, hgt) != 0) { free(img); return kOfxStatErrMemory; }
            if (is_mask) image_buffer_fill_from(&img->buffer, &cfg->mask, cfg);
            else image_buffer_fill_from_frame(&img->buffer, cfg, time);
            img->owns_buffer = 1;
        }
    }
    PropSet *ps = ps_new();
    ps->owner = img;
    img->props = ps;
    int bounds[4] = {0, 0, img->buffer.width, img->buffer.height};
    double scale[2] = {cfg->render_scale, cfg->render_scale};
    char uid[64];
    snprintf(uid, sizeof uid, "%s@%g", clip->name, time);
    ps_def_string(ps, kOfxPropType, kOfxTypeImage);
    ps_def_pointer(ps, kOfxImagePropData, img->buffer.data);
    ps_def_ints(ps, kOfxImagePropBounds, 4, 4, bounds);
    ps_def_ints(ps, kOfxImagePropRegionOfDefinition, 4, 4, bounds);
    ps_def_int(ps, kOfxImagePropRowBytes, (int)img->buffer.row_bytes);
    ps_def_string(ps, kOfxImageEffectPropPixelDepth, cfg_depth_name(cfg));
    ps_def_string(ps, kOfxImageEffectPropComponents, cfg_components_name(cfg));
    ps_def_string(ps, kOfxImageEffectPropPreMultiplication, ps_string(clip->props, kOfxImageEffectPropPreMultiplication, 0, kOfxImageOpaque));
    ps_def_doubles(ps, kOfxImageEffectPropRenderScale, 2, 2, scale);
    ps_def_double(ps, kOfxImagePropPixelAspectRatio, 1.0);
    ps_def_string(ps, kOfxImagePropField, kOfxImageFieldNone);
    ps_def_string(ps, kOfxImagePropUniqueIdentifier, uid);
    pthread_mutex_lock(&e->lock);
    img->next = e->live_images;
    e->live_images = img;
    pthread_mutex_unlock(&e->lock);
    registry_add(img);
    *out = (OfxPropertySetHandle)ps;
    return kOfxStatOK;
}

static OfxStatus clipReleaseImage(OfxPropertySetHandle h) {
    Image *img = registry_take((const PropSet *)h, NULL);
    if (img == NULL) return kOfxStatErrBadHandle;             /* double release or not an image */
    Effect *e = img->clip->effect;
    pthread_mutex_lock(&e->lock);
    for (Image **i = &e->live_images; *i != NULL; i = &(*i)->next) {
        if (*i == img) { *i = img->next; break; }
    }
    pthread_mutex_unlock(&e->lock);
    image_destroy(img);
    return kOfxStatOK;
}

static OfxStatus clipGetRegionOfDefinition(OfxImageClipHandle h, OfxTime time, OfxRectD *rod) {
    (void)time;
    if (!valid_clip(h)) return kOfxStatErrBadHandle;
    if (rod == NULL) return kOfxStatErrValue;
    const Effect *e = ((Clip *)h)->effect;
    if (e->cfg == NULL) return kOfxStatErrBadHandle;
    rod->x1 = 0;
    rod->y1 = 0;
    rod->x2 = e->cfg->width;                /* canonical coordinates: full resolution, PAR 1 */
    rod->y2 = e->cfg->height;
    return kOfxStatOK;
}

/* --abort-frame F: the host cancels the render of frame F (every poll during it answers 1, and is counted). */
static int abortFn(OfxImageEffectHandle h) {
    if (!valid_effect(h) || quirks.abort_frame < 0) return 0;
    Effect *e = (Effect *)h;
    int cancel = 0;
    pthread_mutex_lock(&e->lock);
    for (OutputSlot *s = e->outputs; s != NULL; s = s->next) if (s->time == quirks.abort_frame) cancel = 1;
    if (cancel) e->abort_polls++;
    pthread_mutex_unlock(&e->lock);
    return cancel;
}

/* Image memory: a small header in front of the data remembers the lock count. */
typedef struct { unsigned magic; int locks; size_t size; void *data; } ImageMemory;
#define MF_MAGIC_MEMORY 0x4d454d4fu

static OfxStatus imageMemoryAlloc(OfxImageEffectHandle h, size_t n, OfxImageMemoryHandle *out) {
    (void)h;
    if (out == NULL) return kOfxStatErrValue;
    ImageMemory *m = calloc(1, sizeof *m);
    if (m == NULL || posix_memalign(&m->data, 64, n ? n : 1) != 0) { free(m); return kOfxStatErrMemory; }
    m->magic = MF_MAGIC_MEMORY;
    m->size = n;
    *out = (OfxImageMemoryHandle)m;
    return kOfxStatOK;
}

static OfxStatus imageMemoryFree(OfxImageMemoryHandle h) {
    ImageMemory *m = (ImageMemory *)h;
    if (m == NULL || m->magic != MF_MAGIC_MEMORY) return kOfxStatErrBadHandle;
    m->magic = 0;
    free(m->data);
    free(m);
    return kOfxStatOK;
}

static OfxStatus imageMemoryLock(OfxImageMemoryHandle h, void **out) {
    ImageMemory *m = (ImageMemory *)h;
    if (m == NULL || m->magic != MF_MAGIC_MEMORY) return kOfxStatErrBadHandle;
    if (out == NULL) return kOfxStatErrValue;
    __atomic_add_fetch(&m->locks, 1, __ATOMIC_ACQ_REL);
    *out = m->data;
    return kOfxStatOK;
}

static OfxStatus imageMemoryUnlock(OfxImageMemoryHandle h) {
    ImageMemory *m = (ImageMemory *)h;
    if (m == NULL || m->magic != MF_MAGIC_MEMORY) return kOfxStatErrBadHandle;
    if (__atomic_load_n(&m->locks, __ATOMIC_ACQUIRE) <= 0) return kOfxStatErrValue;
    __atomic_sub_fetch(&m->locks, 1, __ATOMIC_ACQ_REL);
    return kOfxStatOK;
}

const OfxImageEffectSuiteV1 mf_image_effect_suite = {
    getPropertySet, getParamSet, clipDefine, clipGetHandle, clipGetPropertySet, clipGetImage,
    clipReleaseImage, clipGetRegionOfDefinition, abortFn, imageMemoryAlloc, imageMemoryFree,
    imageMemoryLock, imageMemoryUnlock,
};
