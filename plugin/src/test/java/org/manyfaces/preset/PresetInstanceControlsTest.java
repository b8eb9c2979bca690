package org.manyfaces.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.EffectMessages;
import org.manyfaces.effect.InstanceControls;
import org.manyfaces.effect.faceswap.FaceSwapEffect;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.PresetControls;
import org.manyfaces.inference.ModelCatalogue;

/**
 * The Presets page as a host front end reaches it: found as the {@link InstanceControls} service of the plug-in
 * jar (a missing META-INF/services entry would silently leave every host without presets), describing the files
 * of the bundle, and applying option i of that description to an instance.
 */
class PresetInstanceControlsTest {
    @TempDir
    Path resources;

    @Test
    void thePluginsClassPathOffersThePresetPage() {
        InstanceControls found = InstanceControls.installed(InstanceControls.class.getClassLoader());
        assertInstanceOf(PresetInstanceControls.class, found);
        assertTrue(found.owns(PresetControls.PRESET) && found.owns(PresetControls.IMPORT_PRESET));
        assertFalse(found.owns(FaceSwapEffect.BLEND));
    }

    @Test
    void describeListsTheBundlesPresetsAndAttachAppliesTheOptionChosen() throws Exception {
        Path folder = Files.createDirectories(resources.resolve("presets"));
        Files.copy(Path.of("..", "presets", "face-soft-blend.json"), folder.resolve("face-soft-blend.json"));
        EffectDescriptor faceSwap = FaceSwapEffect.descriptor();
        InstanceControls controls = new PresetInstanceControls();

        ParamTable described = controls.describe(faceSwap, Optional.of(resources));
        List<String> options = described.get(PresetControls.PRESET).choices();
        assertEquals(PresetControls.NO_PRESET, options.get(0));
        int soft = options.indexOf("Soft blend");
        assertTrue(soft > 0, options.toString());

        List<String> errors = new ArrayList<>();
        InstanceControls.Handler handler = controls.attach(faceSwap, Optional.of(resources),
                ModelCatalogue.packed(List.of()), new EffectMessages() {
                    @Override
                    public void warning(String id, String text) {
                    }

                    @Override
                    public void error(String id, String text) {
                        errors.add(text);
                    }

                    @Override
                    public void log(String id, String text) {
                    }
                });
        InMemoryParams params = new InMemoryParams(described); // the host holds what was described
        double before = params.getDouble(FaceSwapEffect.BLEND, 0);
        params.setChoice(PresetControls.PRESET, soft);
        handler.changed(PresetControls.PRESET, params, 0);
        assertEquals(List.of(), errors);
        assertTrue(params.getString(PresetControls.PRESET_STATUS, 0).startsWith("Applied Soft blend"),
                params.getString(PresetControls.PRESET_STATUS, 0));
        assertTrue(params.getDouble(FaceSwapEffect.BLEND, 0) != before || params.keyCount(FaceSwapEffect.BLEND) > 0,
                "the preset changed Blend");
        assertEquals(0, params.getChoice(PresetControls.PRESET, 0), "back to option 0, to apply again");
    }
}
