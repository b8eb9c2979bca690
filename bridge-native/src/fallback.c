/*
 * What the plugin does when Java cannot be started (no runtime, Java too old, corrupt jars ...).
 *
 * The host must survive and the user must learn why. So the shim itself answers Describe and
 * DescribeInContext with a label that carries the reason, the ManyFaces grouping, the Filter
 * context and the Source/Output clips (a host refuses effects without them), posts the reason once
 * through the host's message suite, and fails every action that would need the real effect.
 */
#include <stdio.h>
#include <string.h>

#include "shim_internal.h"

static int reason_posted;

static const void *fetch(OfxHost *host, const char *suite, int version) {
    if (host == NULL || host->fetchSuite == NULL) return NULL;
    return host->fetchSuite(host->host, suite, version);
}

static void post_reason_once(OfxHost *host, const void *handle, const char *reason) {
    if (__atomic_exchange_n(&reason_posted, 1, __ATOMIC_ACQ_REL)) return;
    const OfxMessageSuiteV1 *messages = fetch(host, kOfxMessageSuite, 1);
    if (messages != NULL && messages->message != NULL) {
        messages->message((void *)handle, kOfxMessageError, "org.manyfaces.unavailable",
                          "ManyFaces is unavailable: %s", reason);
    }
}

static OfxStatus describe(int plugin_index, const void *handle, OfxHost *host, const char *reason) {
    const OfxPropertySuiteV1 *props = fetch(host, kOfxPropertySuite, 1);
    const OfxImageEffectSuiteV1 *effects = fetch(host, kOfxImageEffectSuite, 1);
    if (props == NULL || effects == NULL) return kOfxStatErrMissingHostFeature;
    OfxPropertySetHandle set = NULL;
    if (effects->getPropertySet((OfxImageEffectHandle)handle, &set) != kOfxStatOK || set == NULL) {
        return kOfxStatErrBadHandle;
    }
    /* Reasons read "short summary: details". The menu label gets the summary only; the details
     * (paths, exception text) go to the description, the host message and stderr. */
    const char *colon = strstr(reason, ": ");
    int summary_length = colon != NULL ? (int)(colon - reason) : (int)strlen(reason);
    if (summary_length > 80) summary_length = 80;
    char label[160];
    snprintf(label, sizeof label, "%s (unavailable: %.*s)", mf_plugin_labels[plugin_index], summary_length, reason);
    props->propSetString(set, kOfxPropLabel, 0, label);
    props->propSetString(set, kOfxImageEffectPluginPropGrouping, 0, "ManyFaces");
    props->propSetString(set, kOfxPropPluginDescription, 0, reason);
    props->propSetString(set, kOfxImageEffectPropSupportedContexts, 0, kOfxImageEffectContextFilter);
    const char *depths[] = {kOfxBitDepthByte, kOfxBitDepthFloat};
    props->propSetStringN(set, kOfxImageEffectPropSupportedPixelDepths, 2, depths);
    post_reason_once(host, handle, reason);
    return kOfxStatOK;
}

static OfxStatus describe_in_context(const void *handle, OfxHost *host) {
    const OfxPropertySuiteV1 *props = fetch(host, kOfxPropertySuite, 1);
    const OfxImageEffectSuiteV1 *effects = fetch(host, kOfxImageEffectSuite, 1);
    if (props == NULL || effects == NULL) return kOfxStatErrMissingHostFeature;
    const char *components[] = {kOfxImageComponentRGBA, kOfxImageComponentRGB};
    const char *clips[] = {kOfxImageEffectSimpleSourceClipName, kOfxImageEffectOutputClipName};
    for (int i = 0; i < 2; i++) {
        OfxPropertySetHandle clip = NULL;
        OfxStatus st = effects->clipDefine((OfxImageEffectHandle)handle, clips[i], &clip);
        if (st != kOfxStatOK) return st;
        props->propSetStringN(clip, kOfxImageEffectPropSupportedComponents, 2, components);
    }
    return kOfxStatOK;
}

OfxStatus mf_fallback_entry(int plugin_index, const char *action, const void *handle,
                            OfxPropertySetHandle in_args, OfxPropertySetHandle out_args,
                            OfxHost *host, const char *reason) {
    (void)in_args;
    (void)out_args;
    if (plugin_index < 0 || plugin_index >= MF_PLUGIN_COUNT) return kOfxStatErrBadIndex;
    if (strcmp(action, kOfxActionLoad) == 0 || strcmp(action, kOfxActionUnload) == 0) return kOfxStatOK;
    if (strcmp(action, kOfxActionDescribe) == 0) return describe(plugin_index, handle, host, reason);
    if (strcmp(action, kOfxImageEffectActionDescribeInContext) == 0) return describe_in_context(handle, host);
    return kOfxStatFailed;
}
