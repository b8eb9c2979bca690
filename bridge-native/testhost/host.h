/*
 * ManyFaces OFX test host: shared declarations.
 *
 * A small but strict OFX 1.4 host written from the ABI fact sheet, used to drive the real plugin
 * (and the C test plugin) exactly as an editor would: bundle loading, property sets with the
 * spec's error codes, parameters with keyframes, images with chosen depth/components/row layout.
 */
#ifndef MF_TESTHOST_H
#define MF_TESTHOST_H

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include "mf_ofx_abi.h"

/* ------------------------------------------------------------------ property sets (props.c) */
typedef enum { PROP_INT, PROP_DOUBLE, PROP_STRING, PROP_POINTER } PropKind;

typedef union { int i; double d; char *s; void *p; } PropValue;

typedef struct Prop {
    char *name;
    PropKind kind;
    int fixed_dim;              /* -1: variable dimension */
    int n, cap;
    PropValue *values;
    int n_default;
    PropValue *defaults;
    struct Prop *next;
} Prop;

typedef struct PropSet {
    unsigned magic;
    pthread_mutex_t lock;
    Prop *head, *tail;
    void *owner;                /* host-private back pointer (an Image for image property sets) */
} PropSet;

PropSet *ps_new(void);
void ps_free(PropSet *ps);
PropSet *ps_clone(const PropSet *ps);
Prop *ps_find(const PropSet *ps, const char *name);
int ps_valid(const PropSet *ps);
void ps_def_int(PropSet *ps, const char *name, int value);
void ps_def_ints(PropSet *ps, const char *name, int fixed_dim, int n, const int *values);
void ps_def_double(PropSet *ps, const char *name, double value);
void ps_def_doubles(PropSet *ps, const char *name, int fixed_dim, int n, const double *values);
void ps_def_string(PropSet *ps, const char *name, const char *value);
void ps_def_strings(PropSet *ps, const char *name, int fixed_dim, int n, const char *const *values);
void ps_def_pointer(PropSet *ps, const char *name, void *value);
/* host-side convenience accessors (fallback when missing) */
int ps_int(PropSet *ps, const char *name, int index, int fallback);
double ps_double(PropSet *ps, const char *name, int index, double fallback);
const char *ps_string(PropSet *ps, const char *name, int index, const char *fallback);
int ps_dim(PropSet *ps, const char *name);
int ps_has_string(PropSet *ps, const char *name, const char *value);
void ps_set_int(PropSet *ps, const char *name, int index, int value);
void ps_set_double(PropSet *ps, const char *name, int index, double value);
void ps_set_string(PropSet *ps, const char *name, int index, const char *value);
void ps_set_pointer(PropSet *ps, const char *name, int index, void *value);
/* prints "NAME=v1,v2" */
void ps_format_prop(const Prop *p, FILE *out);
extern const OfxPropertySuiteV1 mf_property_suite;

/* ------------------------------------------------------------------ parameters (params.c) */
typedef enum { VALUE_NONE, VALUE_INT, VALUE_DOUBLE, VALUE_STRING } ValueKind;

typedef struct Key {
    double time;
    double v[4];
} Key;

struct Effect;

typedef struct Param {
    unsigned magic;
    char *name;
    const char *type;
    ValueKind kind;
    int dim;
    PropSet *props;
    pthread_mutex_t lock;
    double v[4];
    char *s;
    Key *keys;
    int nkeys, capkeys;
    struct ParamSet *set;
} Param;

typedef struct ParamSet {
    unsigned magic;
    Param **items;
    int n, cap;
    PropSet *props;
    struct Effect *effect;
    int edit_depth;
} ParamSet;

ParamSet *paramset_new(struct Effect *effect);
ParamSet *paramset_instantiate(const ParamSet *descriptors, struct Effect *effect);
void paramset_free(ParamSet *set);
Param *paramset_find(ParamSet *set, const char *name);
/* value of a param at time t into v (numeric) / *s (string); animation applied */
void param_value_at(Param *p, double t, double *v, const char **s);
int param_animates(Param *p);
void param_set_static(Param *p, const double *v, const char *s);
void param_add_key(Param *p, double t, const double *v);
void param_format_value(Param *p, const double *v, const char *s, FILE *out);
extern const OfxParameterSuiteV1 mf_parameter_suite;
/* The value getters' va_list forms (the timed suite forwards to them). */
OfxStatus mf_param_get_value_v(OfxParamHandle h, va_list ap);
OfxStatus mf_param_get_value_at_time_v(OfxParamHandle h, OfxTime t, va_list ap);

/* ------------------------------------------------------------------ images and effects (effects.c) */
typedef enum { ROWS_POSITIVE, ROWS_NEGATIVE, ROWS_PADDED } RowMode;

/* The decoded input: top-down float RGBA, as read from the file. */
typedef struct InputImage {
    int width, height;
    int has_alpha;
    float *rgba;
    int owner;                  /* sequence index of the frame that owns rgba (the same file read earlier
                                   shares it: several frame numbers may name one file); its own index otherwise */
} InputImage;

typedef struct RunConfig {
    int float_depth;            /* 0 byte, 1 float */
    int short_depth;            /* 1: 16-bit images (--depth short), a depth ManyFaces must refuse */
    int components;             /* 4 RGBA, 3 RGB, 1 Alpha (--components alpha) */
    int width, height;          /* frame size at render scale 1: the input's, or --size */
    RowMode rows;
    double render_scale;
    InputImage input;           /* the single input file, or the first frame of an input sequence */
    InputImage *frames;         /* --input with a printf pattern: frames[i] is frame first_frame + i */
    int nframes;                /* 0 for a single input file */
    int first_frame, last_frame;
    InputImage mask;            /* --mask: what the "Mask" clip delivers (General context) */
    int has_mask;
    int frame_cache;            /* --frame-cache: source images are built once per input file and shared */
    struct ImageBuffer **cached;/* with frame_cache: per owner index, the converted source image (lazy) */
} RunConfig;

/*
 * What real hosts do differently from this strict host (--profile NAME, or one switch each; see
 * bridge-native/README.md "Host profiles"). All zero: the strict host. Set once before Load.
 */
typedef struct HostQuirks {
    int no_temporal;          /* host says TemporalClipAccess 0 and clipGetImage(Source, t) gives the frame being
                                 rendered whatever t (MLT) */
    int fake_temporal;        /* host says TemporalClipAccess 1 but gives the frame being rendered whatever t */
    int no_frame_range;       /* clips carry no OfxImageEffectPropFrameRange (the getter answers ErrUnknown) */
    int null_optional_clips;  /* clipGetHandle of a clip the instance lacks: kOfxStatOK and a NULL handle */
    int instance_per_frame;   /* CreateInstance ... DestroyInstance around every frame; prints "instance" lines */
    int no_instance_changed;  /* never sends Begin/InstanceChanged/End: --press and plugin edits are dropped */
    int no_identity;          /* never asks IsIdentity */
    int choices_by_label;     /* --set CHOICE=INDEX is ignored (the default stays): only exact labels count */
    int no_multires;          /* host says SupportsMultiResolution 0 and renders at scale 1 whatever --render-scale */
    int sparse_host_props;    /* the host descriptor defines only its name and multiple clip depths (MLT) */
    int no_message_suite;     /* fetchSuite gives no message suite (V1 nor V2) */
    const char *host_name;    /* OfxPropName (default org.manyfaces.TestHost) */
    int abort_frame;          /* abort() answers 1 during the render of this frame; -1: never */
} HostQuirks;

extern HostQuirks quirks;

/* A host-allocated image buffer in OFX layout (bottom-up addressing via data + y*rowBytes). */
typedef struct ImageBuffer ImageBuffer;
struct ImageBuffer {
    void *alloc;
    unsigned char *data;        /* pixel (0,0), the bottom-left one */
    long row_bytes;
    int width, height;
    int float_depth, short_depth, components;
};

int image_buffer_new(ImageBuffer *b, const RunConfig *cfg, int width, int height);
void image_buffer_free(ImageBuffer *b);
void image_buffer_fill_from_input(ImageBuffer *b, const RunConfig *cfg);
void image_buffer_fill_from(ImageBuffer *b, const InputImage *in, const RunConfig *cfg);
/* the source image of frame `time` (the one input file, or the sequence's frame nearest to time) */
void image_buffer_fill_from_frame(ImageBuffer *b, const RunConfig *cfg, double time);
const InputImage *input_at(const RunConfig *cfg, double time);
/* with --frame-cache: the shared, read-only source image of frame `time` (built on first use), or NULL */
const ImageBuffer *cached_source_image(const RunConfig *cfg, double time);
void image_buffer_copy(ImageBuffer *dst, const ImageBuffer *src);
void image_buffer_pixel(const ImageBuffer *b, int x, int y, float out[4]);
int scaled_size(int full, double scale);
const char *cfg_depth_name(const RunConfig *cfg);
const char *cfg_components_name(const RunConfig *cfg);

typedef struct Clip {
    unsigned magic;
    char *name;
    PropSet *props;
    struct Effect *effect;
} Clip;

typedef struct Image {
    PropSet *props;
    ImageBuffer buffer;
    int owns_buffer;
    double time;
    struct Clip *clip;
    struct Image *next;
} Image;

/* One output buffer the host is rendering into, keyed by time. */
typedef struct OutputSlot {
    double time;
    ImageBuffer *buffer;
    struct OutputSlot *next;
} OutputSlot;

typedef struct Effect {
    unsigned magic;
    int is_descriptor;
    PropSet *props;
    ParamSet *params;
    Clip *clips[16];
    int nclips;
    const RunConfig *cfg;
    pthread_mutex_t lock;
    Image *live_images;
    OutputSlot *outputs;
    double current_time;
    int created;
    int index;
    /* serialises renders of this instance unless the plugin declared itself fully safe */
    pthread_mutex_t render_lock;
    /* abort() calls that answered 1 during the current render (--abort-frame) */
    int abort_polls;
    /* params the plugin changed since the host last looked (for PluginEdited notifications) */
    char *changed[64];
    int nchanged;
} Effect;

Effect *effect_new_descriptor(const char *bundle_path);
Effect *effect_clone_descriptor(const Effect *base, const char *context);
Effect *effect_new_instance(const Effect *context_descriptor, const RunConfig *cfg, int index);
void effect_free(Effect *e);
Clip *effect_find_clip(Effect *e, const char *name);
void effect_set_output(Effect *e, double time, ImageBuffer *buffer);
void effect_clear_output(Effect *e, double time);
int effect_release_leaks(Effect *e, double time);   /* returns leaked image count */
int effect_release_all_leaks(Effect *e);
void effect_note_param_changed(Effect *e, const char *name);
extern const OfxImageEffectSuiteV1 mf_image_effect_suite;

/* ------------------------------------------------------------------ other suites (suites.c) */
extern const OfxMemorySuiteV1 mf_memory_suite;
extern const OfxMultiThreadSuiteV1 mf_multithread_suite;
extern const OfxMessageSuiteV1 mf_message_suite_v1;
extern const OfxMessageSuiteV2 mf_message_suite_v2;
extern const OfxProgressSuiteV1 mf_progress_suite_v1;
extern const OfxProgressSuiteV2 mf_progress_suite_v2;
extern const OfxTimeLineSuiteV1 mf_timeline_suite;
const void *host_fetch_suite(OfxPropertySetHandle host, const char *name, int version);
PropSet *host_properties(void);
void host_out_lock(void);
void host_out_unlock(void);

/* ------------------------------------------------------------------ image files (imageio.c) */
int image_read(const char *path, InputImage *out, char *err, size_t err_size);
int image_write(const char *path, const ImageBuffer *b, char *err, size_t err_size);

#define MF_MAGIC_PROPS 0x50524f50u
#define MF_MAGIC_PARAM 0x5041524du
#define MF_MAGIC_PARAMSET 0x50534554u
#define MF_MAGIC_EFFECT 0x45464643u
#define MF_MAGIC_CLIP 0x434c4950u

/* The clip --mask feeds (the name the ManyFaces effects give their optional mask input). */
#define MF_MASK_CLIP "Mask"

/* ------------------------------------------------------------------ --bench-split (suite_timer.c) */
void suite_timer_enable(void);
int suite_timer_enabled(void);
void suite_timer_reset(void);
double suite_timer_suite_us(void);    /* this thread, since the reset: inside the host's suite functions */
double suite_timer_action_us(void);   /* this thread, since the reset: inside the plugin's mainEntry */
OfxStatus suite_timer_main_entry(OfxPlugin *p, const char *action, const void *handle, OfxPropertySetHandle in,
                                 OfxPropertySetHandle out);
extern const OfxPropertySuiteV1 mf_timed_property_suite;
extern const OfxImageEffectSuiteV1 mf_timed_image_effect_suite;
extern OfxParameterSuiteV1 mf_timed_parameter_suite;

#endif
