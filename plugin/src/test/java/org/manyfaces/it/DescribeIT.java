package org.manyfaces.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.PresetControls;

/**
 * The host sees every effect of the catalogue and every parameter exactly as the effect tables declare them: the whole
 * describe path (shim, JNI, Bridge, dispatcher, generic param definition, property suite) round-trips.
 */
class DescribeIT {
    private static final Map<ParamType, String> OFX_TYPE = Map.of(ParamType.DOUBLE, "Double", ParamType.INT, "Integer",
            ParamType.BOOL, "Boolean", ParamType.CHOICE, "Choice", ParamType.STRING, "String",
            ParamType.PUSH_BUTTON, "PushButton", ParamType.GROUP, "Group", ParamType.PAGE, "Page");

    @Test
    void listsEveryEffectOfTheCatalogueAtItsIndex() throws Exception {
        TestHost.Result r = TestHost.run("--list");
        assertEquals(0, r.exitCode, r.toString());
        List<TestHost.Line> plugins = r.all("plugin");
        assertEquals(EffectCatalogue.effects().size(), plugins.size(), r.toString());
        for (int i = 0; i < plugins.size(); i++) {
            assertEquals(EffectCatalogue.get(i).id(), plugins.get(i).get("id"), r.toString());
            assertEquals(String.valueOf(i), plugins.get(i).get("index"));
        }
    }

    /** Every plug-in index of the catalogue. */
    static java.util.stream.IntStream effectIndices() {
        return java.util.stream.IntStream.range(0, EffectCatalogue.effects().size());
    }

    @ParameterizedTest
    @MethodSource("effectIndices")
    void describesEffectPropertiesAndEveryParam(int index) throws Exception {
        EffectDescriptor effect = EffectCatalogue.get(index);
        TestHost.Result r = TestHost.run("--describe", effect.id());
        assertEquals(0, r.exitCode, r.toString());
        Map<String, String> props = r.all("prop").stream()
                .flatMap(l -> l.fields().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        assertEquals(effect.label(), props.get("OfxPropLabel"));
        assertEquals("ManyFaces", props.get("OfxImageEffectPluginPropGrouping"));
        // Image Translate is also offered in the general context, where it has its optional Mask input.
        assertEquals(effect.generalContext() ? "OfxImageEffectContextFilter,OfxImageEffectContextGeneral"
                : "OfxImageEffectContextFilter", props.get("OfxImageEffectPropSupportedContexts"));
        assertEquals("OfxBitDepthByte,OfxBitDepthFloat", props.get("OfxImageEffectPropSupportedPixelDepths"));
        assertEquals("OfxImageEffectRenderInstanceSafe", props.get("OfxImageEffectPluginRenderThreadSafety"));
        assertEquals("0", props.get("OfxImageEffectPropSupportsTiles"));
        assertEquals("1", props.get("OfxImageEffectPropSupportsMultiResolution"));

        assertEquals(effect.params().size(), r.all("param").size(), r.toString());
        for (ParamSpec p : effect.params().rows()) {
            TestHost.Line l = r.param(p.id());
            String where = effect.id() + "/" + p.id();
            assertEquals(OFX_TYPE.get(p.type()), l.get("type"), where);
            assertEquals(p.label(), l.get("label"), where);
            switch (p.type()) {
                case DOUBLE, INT -> {
                    assertEquals(p.defaultNumber(), l.getDouble("default"), 1e-9, where);
                    assertEquals(p.min(), l.getDouble("min"), 1e-9, where);
                    assertEquals(p.max(), l.getDouble("max"), 1e-9, where);
                    assertEquals(p.displayMin(), l.getDouble("displayMin"), 1e-9, where);
                    assertEquals(p.displayMax(), l.getDouble("displayMax"), 1e-9, where);
                    assertEquals(p.animates() ? "1" : "0", l.get("animates"), where);
                }
                case BOOL -> assertEquals(p.defaultNumber(), l.getDouble("default"), 0, where);
                case CHOICE -> {
                    if (p.id().equals(PresetControls.PRESET)) {
                        // Lists the preset files found at describe time (PresetBuiltInIT checks them).
                        assertTrue(l.get("options").startsWith(PresetControls.NO_PRESET + "|"), where);
                    } else {
                        assertEquals(String.join("|", p.choices()), l.get("options"), where);
                    }
                    assertEquals(p.defaultNumber(), l.getDouble("default"), 0, where);
                }
                case STRING -> assertEquals(p.defaultText(), l.fields().getOrDefault("default", ""), where);
                default -> {
                }
            }
            if (p.type().hasValue()) {
                assertTrue(l.get("hint").startsWith(p.hint().substring(0, Math.min(40, p.hint().length()))), where);
            }
            boolean inGroup = p.parent() != null && effect.params().get(p.parent()).type() == ParamType.GROUP;
            assertEquals(inGroup ? p.parent() : null, l.fields().get("parent"), where);
        }
        List<String> clips = r.all("clip").stream().map(c -> c.get("name")).toList();
        assertEquals(List.of("Source", "Output"), clips);
    }
}
