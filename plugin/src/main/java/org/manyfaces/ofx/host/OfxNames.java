package org.manyfaces.ofx.host;

import org.manyfaces.ofx.jna.NativeName;

/**
 * The OFX strings ManyFaces uses, as pre-allocated native strings. Written from the ABI fact sheet; note
 * the few whose string differs from the C macro name (kept as the real strings here).
 */
final class OfxNames {
    private OfxNames() {
    }

    static NativeName n(String s) {
        return NativeName.of(s);
    }

    // Properties: generic
    static final NativeName PROP_LABEL = n("OfxPropLabel");
    static final NativeName PROP_SHORT_LABEL = n("OfxPropShortLabel");
    static final NativeName PROP_LONG_LABEL = n("OfxPropLongLabel");
    static final NativeName PROP_NAME = n("OfxPropName");
    static final NativeName PROP_TIME = n("OfxPropTime");
    static final NativeName PROP_TYPE = n("OfxPropType");
    static final NativeName PROP_CHANGE_REASON = n("OfxPropChangeReason");
    static final NativeName PROP_PLUGIN_DESCRIPTION = n("OfxPropPluginDescription");
    static final NativeName PROP_VERSION_LABEL = n("OfxPropVersionLabel");
    static final NativeName PROP_VERSION = n("OfxPropVersion");

    // Effect descriptor
    static final NativeName GROUPING = n("OfxImageEffectPluginPropGrouping");
    static final NativeName SUPPORTED_CONTEXTS = n("OfxImageEffectPropSupportedContexts");
    static final NativeName SUPPORTED_PIXEL_DEPTHS = n("OfxImageEffectPropSupportedPixelDepths");
    static final NativeName SUPPORTED_COMPONENTS = n("OfxImageEffectPropSupportedComponents");
    static final NativeName SINGLE_INSTANCE = n("OfxImageEffectPluginPropSingleInstance");
    static final NativeName RENDER_THREAD_SAFETY = n("OfxImageEffectPluginRenderThreadSafety");
    static final NativeName HOST_FRAME_THREADING = n("OfxImageEffectPluginPropHostFrameThreading");
    static final NativeName SUPPORTS_MULTI_RESOLUTION = n("OfxImageEffectPropSupportsMultiResolution");
    static final NativeName SUPPORTS_TILES = n("OfxImageEffectPropSupportsTiles");
    static final NativeName TEMPORAL_CLIP_ACCESS = n("OfxImageEffectPropTemporalClipAccess");
    static final NativeName FRAME_RANGE = n("OfxImageEffectPropFrameRange");
    static final NativeName FRAME_RATE = n("OfxImageEffectPropFrameRate");
    // The macro is ...SupportsMultipleClipDepths; the string has no "Supports".
    static final NativeName MULTIPLE_CLIP_DEPTHS = n("OfxImageEffectPropMultipleClipDepths");
    static final NativeName SEQUENTIAL_RENDER = n("OfxImageEffectInstancePropSequentialRender");
    static final NativeName FIELD_RENDER_TWICE_ALWAYS = n("OfxImageEffectPluginPropFieldRenderTwiceAlways");

    // Clips
    static final NativeName CLIP_SOURCE = n("Source");
    static final NativeName CLIP_OPTIONAL = n("OfxImageClipPropOptional");
    static final NativeName CLIP_IS_MASK = n("OfxImageClipPropIsMask");
    static final NativeName CLIP_CONNECTED = n("OfxImageClipPropConnected");

    // Images
    static final NativeName IMAGE_DATA = n("OfxImagePropData");
    static final NativeName IMAGE_BOUNDS = n("OfxImagePropBounds");
    static final NativeName IMAGE_UNIQUE_ID = n("OfxImagePropUniqueIdentifier");
    static final NativeName IMAGE_ROW_BYTES = n("OfxImagePropRowBytes");
    static final NativeName PIXEL_DEPTH = n("OfxImageEffectPropPixelDepth");
    static final NativeName COMPONENTS = n("OfxImageEffectPropComponents");

    // Action arguments
    static final NativeName CONTEXT = n("OfxImageEffectPropContext");
    static final NativeName RENDER_WINDOW = n("OfxImageEffectPropRenderWindow");
    static final NativeName RENDER_SCALE = n("OfxImageEffectPropRenderScale");
    static final NativeName REGION_OF_DEFINITION = n("OfxImageEffectPropRegionOfDefinition");
    static final NativeName REGION_OF_INTEREST = n("OfxImageEffectPropRegionOfInterest");
    /** Prefix of the per-clip region-of-interest answers ({@code OfxImageClipPropRoI_Source}). */
    static final String ROI_PREFIX = "OfxImageClipPropRoI_";

    // Enum values
    static final NativeName CONTEXT_FILTER = n("OfxImageEffectContextFilter");
    static final NativeName CONTEXT_GENERAL = n("OfxImageEffectContextGeneral");
    static final NativeName DEPTH_BYTE = n("OfxBitDepthByte");
    static final NativeName DEPTH_FLOAT = n("OfxBitDepthFloat");
    static final NativeName COMPONENT_RGBA = n("OfxImageComponentRGBA");
    static final NativeName COMPONENT_RGB = n("OfxImageComponentRGB");
    static final NativeName COMPONENT_ALPHA = n("OfxImageComponentAlpha");
    static final NativeName RENDER_UNSAFE = n("OfxImageEffectRenderUnsafe");
    static final NativeName RENDER_INSTANCE_SAFE = n("OfxImageEffectRenderInstanceSafe");
    static final NativeName RENDER_FULLY_SAFE = n("OfxImageEffectRenderFullySafe");
    static final NativeName TYPE_PARAMETER = n("OfxTypeParameter");

    // Params
    static final NativeName PARAM_TYPE_DOUBLE = n("OfxParamTypeDouble");
    static final NativeName PARAM_TYPE_INTEGER = n("OfxParamTypeInteger");
    static final NativeName PARAM_TYPE_BOOLEAN = n("OfxParamTypeBoolean");
    static final NativeName PARAM_TYPE_CHOICE = n("OfxParamTypeChoice");
    static final NativeName PARAM_TYPE_STRING = n("OfxParamTypeString");
    static final NativeName PARAM_TYPE_PUSH_BUTTON = n("OfxParamTypePushButton");
    static final NativeName PARAM_TYPE_GROUP = n("OfxParamTypeGroup");
    static final NativeName PARAM_TYPE_PAGE = n("OfxParamTypePage");
    static final NativeName PARAM_HINT = n("OfxParamPropHint");
    static final NativeName PARAM_SCRIPT_NAME = n("OfxParamPropScriptName");
    static final NativeName PARAM_PARENT = n("OfxParamPropParent");
    static final NativeName PARAM_PAGE_CHILD = n("OfxParamPropPageChild");
    static final NativeName PARAM_DEFAULT = n("OfxParamPropDefault");
    static final NativeName PARAM_MIN = n("OfxParamPropMin");
    static final NativeName PARAM_MAX = n("OfxParamPropMax");
    static final NativeName PARAM_DISPLAY_MIN = n("OfxParamPropDisplayMin");
    static final NativeName PARAM_DISPLAY_MAX = n("OfxParamPropDisplayMax");
    static final NativeName PARAM_ANIMATES = n("OfxParamPropAnimates");
    static final NativeName PARAM_ENABLED = n("OfxParamPropEnabled");
    static final NativeName PARAM_PERSISTANT = n("OfxParamPropPersistant"); // sic, the OFX spelling
    static final NativeName PARAM_EVALUATE_ON_CHANGE = n("OfxParamPropEvaluateOnChange");
    static final NativeName PARAM_CHOICE_OPTION = n("OfxParamPropChoiceOption");
    static final NativeName PARAM_STRING_MODE = n("OfxParamPropStringMode");
    static final NativeName PARAM_STRING_FILE_PATH_EXISTS = n("OfxParamPropStringFilePathExists");
    static final NativeName STRING_SINGLE_LINE = n("OfxParamStringIsSingleLine");
    static final NativeName STRING_FILE_PATH = n("OfxParamStringIsFilePath");
    static final NativeName STRING_LABEL = n("OfxParamStringIsLabel");

    // Messages
    static final String MESSAGE_ERROR = "OfxMessageError";
    static final String MESSAGE_WARNING = "OfxMessageWarning";
    static final String MESSAGE_LOG = "OfxMessageLog";
}
