package org.manyfaces.effect;

import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.faceswap.FaceSwapParams;
import org.manyfaces.effect.translate.ImageTranslateEffect;
import org.manyfaces.effect.translate.ImageTranslateParams;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.StringKind;

class ParamValuesTest {
    private static final ParamTable TABLE = new ParamTable(List.of(
            ParamSpec.page("page", "Page"),
            ParamSpec.of("amount", ParamType.DOUBLE, "Amount", "h").defaultValue(0.25).range(0, 1).parent("page").build(),
            ParamSpec.of("count", ParamType.INT, "Count", "h").defaultValue(3).range(0, 100).parent("page").build(),
            ParamSpec.of("flag", ParamType.BOOL, "Flag", "h").defaultValue(true).parent("page").build(),
            ParamSpec.of("mode", ParamType.CHOICE, "Mode", "h").choices("All faces", "Largest face", "By index")
                    .parent("page").build(),
            ParamSpec.of("file", ParamType.STRING, "File", "h").stringKind(StringKind.FILE_PATH).parent("page").build(),
            ParamSpec.of("status", ParamType.STRING, "Status", "h").stringKind(StringKind.LABEL).defaultText("idle")
                    .enabled(false).parent("page").build()));

    @Test
    void defaultsComeFromTheTable() {
        ParamValues v = new ParamValues(TABLE);
        assertEquals(0.25, v.getDouble("amount", 7));
        assertEquals(3, v.getInt("count", 7));
        assertTrue(v.getBool("flag", 7));
        assertEquals(0, v.getChoice("mode", 7));
        assertEquals("", v.getString("file", 7));
        assertEquals("idle", v.getString("status", 0));
        assertTrue(v.given().isEmpty());
    }

    @Test
    void constantsParseEveryType() {
        ParamValues v = new ParamValues(TABLE).set("amount", "0.75").set("count", "42").set("flag", "off")
                .set("file", "/tmp/a b.jpg");
        assertEquals(0.75, v.getDouble("amount", 0));
        assertEquals(42, v.getInt("count", 0));
        assertFalse(v.getBool("flag", 0));
        assertEquals("/tmp/a b.jpg", v.getString("file", 99));
        assertEquals(List.of("amount", "count", "flag", "file"), List.copyOf(v.given().keySet()));
    }

    @Test
    void choicesTakeIndexLabelOrUniquePrefix() {
        assertEquals(2, new ParamValues(TABLE).set("mode", "2").getChoice("mode", 0));
        assertEquals(1, new ParamValues(TABLE).set("mode", "largest face").getChoice("mode", 0));
        assertEquals(1, new ParamValues(TABLE).set("mode", "LARGEST").getChoice("mode", 0));
        assertEquals(2, new ParamValues(TABLE).set("mode", "by-index").getChoice("mode", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ParamValues(TABLE).set("mode", "biggest"));
        assertTrue(e.getMessage().contains("'mode'") && e.getMessage().contains("Largest face"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ParamValues(TABLE).set("mode", "3"));
    }

    @Test
    void badValuesNameTheParameter() {
        ParamValues v = new ParamValues(TABLE);
        String unknown = assertThrows(IllegalArgumentException.class, () -> v.set("amonut", "1")).getMessage();
        assertTrue(unknown.contains("'amonut'") && unknown.contains("amount"), unknown);
        assertFalse(unknown.contains("status"), "read-only fields are not offered: " + unknown);
        String range = assertThrows(IllegalArgumentException.class, () -> v.set("amount", "1.5")).getMessage();
        assertTrue(range.contains("'amount'") && range.contains("between 0 and 1"), range);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.set("count", "2.5")).getMessage()
                .contains("whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.set("flag", "maybe")).getMessage()
                .contains("'flag'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.set("status", "x")).getMessage()
                .contains("read-only"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> v.set("page", "x")).getMessage()
                .contains("'page'"));
    }

    @Test
    void keysInterpolateLinearlyAndHoldOutsideTheirRange() {
        ParamValues v = new ParamValues(TABLE).set("amount", "0.9").key("amount", 10, "0").key("amount", 20, "1");
        assertEquals(0.0, v.getDouble("amount", 0), "before the first key: the first key's value, not the constant");
        assertEquals(0.0, v.getDouble("amount", 10));
        assertEquals(0.25, v.getDouble("amount", 12.5), 1e-12);
        assertEquals(0.5, v.getDouble("amount", 15), 1e-12);
        assertEquals(1.0, v.getDouble("amount", 20));
        assertEquals(1.0, v.getDouble("amount", 1000));
        assertEquals("0", v.given().get("amount@10"));
    }

    @Test
    void integerKeysRoundToTheNearest() {
        ParamValues v = new ParamValues(TABLE).key("count", 0, "0").key("count", 4, "10");
        assertEquals(3, v.getInt("count", 1)); // 2.5 rounds half up
        assertEquals(8, v.getInt("count", 3)); // 7.5
        assertEquals(5, v.getInt("count", 2));
    }

    @Test
    void onlyAnimatingParametersTakeKeys() {
        String msg = assertThrows(IllegalArgumentException.class, () -> new ParamValues(TABLE).key("mode", 3, "1"))
                .getMessage();
        assertTrue(msg.contains("'mode'") && msg.contains("cannot be keyframed"), msg);
        assertThrows(IllegalArgumentException.class, () -> new ParamValues(TABLE).key("amount", 3, "2"));
    }

    @Test
    void typeMismatchOnReadIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> new ParamValues(TABLE).getInt("amount", 0));
        assertThrows(IllegalArgumentException.class, () -> new ParamValues(TABLE).getDouble("nothing", 0));
    }

    @Test
    void resolvedListsSettableValuesByLabel() {
        ParamValues v = new ParamValues(TABLE).set("mode", "1");
        assertEquals("Largest face", v.resolved(0).get("mode"));
        assertFalse(v.resolved(0).containsKey("status"));
        assertEquals(List.of("amount", "count", "flag", "mode", "file"), List.copyOf(v.resolved(0).keySet()));
    }

    @Test
    void worksOverTheRealEffectTables() {
        ParamValues fs = new ParamValues(FaceSwapEffect.params()).set(FaceSwapEffect.DETECTOR, "scrfd")
                .key(FaceSwapEffect.BLEND, 0, "0").key(FaceSwapEffect.BLEND, 10, "1");
        FaceSwapParams s = FaceSwapParams.read(fs, 5);
        assertEquals(FaceSwapEffect.Detector.SCRFD, s.detector());
        assertEquals(0.5, s.blend(), 1e-12);
        assertEquals(0.6, s.detectionThreshold());
        ImageTranslateParams t = ImageTranslateParams.read(new ParamValues(ImageTranslateEffect.params())
                .set(ImageTranslateEffect.MODEL, "1"), 0);
        assertEquals(ImageTranslateEffect.MODEL_DIAGNOSTIC_NEGATIVE, t.model());
    }

    @Test
    void givenValuesOverrideABaseAndTheRestReadsThrough() {
        ParamValues base = new ParamValues(TABLE).set("count", "7").set("mode", "2").set("file", "base.jpg")
                .key("amount", 0, "0").key("amount", 10, "1");
        ParamValues v = new ParamValues(TABLE, base).set("mode", "0");
        assertEquals(7, v.getInt("count", 0), "from the base");
        assertEquals(0.5, v.getDouble("amount", 5), 1e-12, "the base's keys");
        assertEquals(0, v.getChoice("mode", 0), "overridden");
        assertEquals("base.jpg", v.getString("file", 0));
        assertTrue(v.getBool("flag", 0), "the base's default");
        assertEquals(0.25, new ParamValues(TABLE, base).key("amount", 0, "0.25").getDouble("amount", 5),
                "a key given here replaces the base's curve");
    }

    @Test
    void presetPageControlsAreLeftToTheEditor() {
        ParamValues v = new ParamValues(FaceSwapEffect.params());
        assertFalse(v.valueIds().contains(org.manyfaces.effect.params.PresetControls.EXPORT_PATH));
        assertFalse(v.resolved(0).containsKey(org.manyfaces.effect.params.PresetControls.PRESET));
        String msg = assertThrows(IllegalArgumentException.class,
                () -> v.set(org.manyfaces.effect.params.PresetControls.IMPORT_PATH, "x.json")).getMessage();
        assertTrue(msg.contains("--preset"), msg);
    }
}
