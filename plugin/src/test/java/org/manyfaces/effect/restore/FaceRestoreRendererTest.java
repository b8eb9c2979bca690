package org.manyfaces.effect.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.MapParams;
import org.manyfaces.effect.SourceClip;
import org.manyfaces.effect.common.EngineRows;
import org.manyfaces.effect.common.FaceFindingRows;
import org.manyfaces.effect.common.RestoreModel;
import org.manyfaces.effect.common.RestoreRows;
import org.manyfaces.effect.faceswap.FaceSwapRendererTest;
import org.manyfaces.image.ImageView;
import org.manyfaces.inference.InferenceEngine;
import org.manyfaces.inference.ModelCatalogue;
import org.manyfaces.pipeline.chain.ModelComponents;
import org.manyfaces.pipeline.restore.RestoreTestModels;
import org.manyfaces.testsupport.SharedFiles;

/** Face Restore's Status line: where the restorer runs, or why nothing is restored; written only on instance change. */
class FaceRestoreRendererTest {
    @TempDir
    Path dir;

    private FaceRestoreRenderer renderer(FaceSwapRendererTest.Recorder r, boolean withModel) throws Exception {
        Path models = Files.createDirectories(dir.resolve(withModel ? "models" : "none"));
        if (withModel) {
            RestoreTestModels.constant(models.resolve("gfpgan_1.4.onnx"), 512, 3f, -1f, 0f);
        }
        Path shared = SharedFiles.model("yunet_s_dynamic.onnx").getParent();
        return new FaceRestoreRenderer(r, SourceClip.NONE, "this host",
                () -> new FaceRestoreModels(ModelCatalogue.packed(List.of(models, shared))),
                () -> ModelComponents.withOnnxDetectors(InferenceEngine.shared()));
    }

    private static String statusAfterOneRender(FaceRestoreRenderer fr, MapParams p) {
        ImageView src = FaceSwapRendererTest.portrait();
        ImageView out = ImageView.allocate(src.width(), src.height(), src.format());
        fr.paramChanged(RestoreRows.RESTORE_BLEND, p, 0);
        assertEquals(EngineRows.NO_MODEL_YET, p.getString(EngineRows.PROVIDER_STATUS, 0), "nothing known yet");
        fr.render(FaceSwapRendererTest.request(src, out, 1), p);
        assertEquals(EngineRows.NO_MODEL_YET, p.getString(EngineRows.PROVIDER_STATUS, 0), "never written in a render");
        fr.paramChanged(RestoreRows.RESTORE_BLEND, p, 0);
        return p.getString(EngineRows.PROVIDER_STATUS, 0);
    }

    @Test
    void theStatusLineNamesWhereTheRestorerRuns() throws Exception {
        MapParams p = new MapParams(FaceRestoreEffect.params()).set(EngineRows.EXECUTION_PROVIDER, 2)
                .set(FaceFindingRows.SMOOTHING, 0.0);
        assertEquals("CPU (chosen in Execution provider)", statusAfterOneRender(renderer(new FaceSwapRendererTest.Recorder(), true), p));
    }

    @Test
    void theStatusLineSaysWhyNothingIsRestored() throws Exception {
        FaceSwapRendererTest.Recorder r = new FaceSwapRendererTest.Recorder();
        MapParams p = new MapParams(FaceRestoreEffect.params()).set(RestoreRows.RESTORE_MODEL,
                RestoreModel.CODEFORMER.ordinal());
        String line = statusAfterOneRender(renderer(r, false), p);
        assertTrue(line.startsWith("Not restoring: codeformer.onnx (CodeFormer) is not installed"), line);
        assertEquals(1, r.warnings.size(), r.warnings.toString());
    }
}
