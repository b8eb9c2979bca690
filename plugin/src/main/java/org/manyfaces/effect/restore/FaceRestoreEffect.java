package org.manyfaces.effect.restore;

import java.util.ArrayList;
import java.util.List;

import org.manyfaces.effect.ClipSpec;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.effect.ThreadSafety;
import org.manyfaces.effect.common.EngineRows;
import org.manyfaces.effect.common.FaceFindingRows;
import org.manyfaces.effect.common.MaskRows;
import org.manyfaces.effect.common.RestoreModel;
import org.manyfaces.effect.common.RestoreRows;
import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;

/**
 * The "Face Restore" effect ({@code org.manyfaces.FaceRestore}): finds the faces of any footage and runs a face
 * restoration network (GFPGAN, CodeFormer, GPEN-BFR, RestoreFormer++) on each, blended with the face as it
 * was and pasted back through the same masks as Face Swap. Faces are found as Face Swap finds them (same
 * detector choice, same tracking over neighbouring frames), so the effect declares temporal clip access. Its
 * render path is {@link FaceRestoreRenderer}.
 */
public final class FaceRestoreEffect {
    public static final String ID = "org.manyfaces.FaceRestore";
    /** The code of Face Restore in the disclosure watermark (never reused). */
    public static final int PAYLOAD_CODE = 3;

    public static final String PAGE_RESTORE = "pageRestore";
    public static final String PAGE_TRACKING = "pageTracking";

    private FaceRestoreEffect() {
    }

    public static EffectDescriptor descriptor() {
        return new EffectDescriptor(ID, "Face Restore", EffectCatalogue.GROUPING,
                "Restores the faces in the clip (sharper eyes, skin and teeth) with a face restoration network "
                        + "such as GFPGAN or CodeFormer, blended with the original face. Runs locally on ONNX "
                        + "Runtime (CUDA when available, otherwise CPU).",
                1, 0, List.of(ClipSpec.source(), ClipSpec.output()), params(), false,
                // One instance renders one frame at a time (per-instance track pass and crop buffers).
                ThreadSafety.INSTANCE_SAFE,
                // Detection needs the whole frame; a tile would cut faces in half.
                false,
                // Every spatial quantity is a fraction of the face, found at the render scale.
                true,
                FaceRestoreRenderer::new,
                // The tracking pass reads neighbouring source frames.
                true,
                // The output is always the source's size.
                true,
                FaceRestoreProfile.PROFILE);
    }

    public static ParamTable params() {
        List<ParamSpec> rows = new ArrayList<>();
        rows.add(ParamSpec.page(PAGE_RESTORE, "Face Restore"));
        rows.addAll(RestoreRows.rows(PAGE_RESTORE, RestoreModel.GFPGAN_1_4, "frames pass through unchanged"));
        rows.add(FaceFindingRows.detector(PAGE_RESTORE));
        rows.add(FaceFindingRows.threshold(PAGE_RESTORE, "restored"));
        rows.addAll(MaskRows.rows("restore", "restored face"));
        rows.add(ParamSpec.page(PAGE_TRACKING, "Tracking"));
        rows.add(FaceFindingRows.smoothing(PAGE_TRACKING));
        rows.add(FaceFindingRows.detectEvery(PAGE_TRACKING));
        rows.addAll(EngineRows.rows("the restored faces", EngineRows.modelsFolder()));
        return new ParamTable(rows);
    }
}
