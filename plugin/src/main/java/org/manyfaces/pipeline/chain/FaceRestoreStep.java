package org.manyfaces.pipeline.chain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.AffineWarp;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.paste.BoxMask;
import org.manyfaces.pipeline.paste.CropMask;
import org.manyfaces.pipeline.paste.PasteBack;
import org.manyfaces.pipeline.restore.FaceRestorer;

/**
 * Restores faces of a frame in place, as FaceFusion's face enhancer does: per face, the 68 landmarks when
 * asked for, the crop aligned to the restorer's template, the occlusion mask of the face as it was, the network,
 * the region mask of the restored face, and the paste back with the box mask narrowed by those masks, blended
 * by the restore blend. Face Swap runs it on its output as an optional last step; Face Restore on any footage.
 *
 * <p>Faces are restored one after another on the same frame: where two faces' crops overlap, the second reads
 * the first's result, as it would in FaceFusion. One instance per render thread's owner; the crop buffers are
 * per thread, the box masks shared (they depend on the size and blur only).
 */
public final class FaceRestoreStep {
    private final ThreadLocal<Map<Integer, FaceCrop>> crops = ThreadLocal.withInitial(java.util.HashMap::new);
    private final Map<List<Object>, CropMask> boxMasks = new ConcurrentHashMap<>();

    /**
     * Restores {@code faces} of {@code frame} (read and written).
     *
     * @param checkpoint runs before each face; it throws to stop the render (the host cancelled it)
     */
    public void restore(ImageView frame, List<Face> faces, FaceRestorer restorer, FaceMaskers maskers,
                        RestoreSettings s, StageTimer timer, Runnable checkpoint) {
        int size = restorer.size();
        FaceCrop crop = crops.get().computeIfAbsent(size, FaceCrop::new);
        CropMask box = boxMasks.computeIfAbsent(List.of(size, s.maskBlur()),
                k -> new BoxMask(size, s.maskBlur(), 0, 0, 0, 0).create());
        for (Face face : faces) {
            checkpoint.run();
            FaceMaskPass maskPass = new FaceMaskPass(maskers, s.masks(), false, timer);
            long[] clock = {timer.now()};
            Face aligned = maskPass.landmark(frame, face, clock);
            long t = clock[0];
            AffineWarp.warp(frame, restorer.template().frameToCrop(aligned.landmarks(), size), crop);
            t = timer.lap(Stage.ALIGN, t);
            t = maskPass.beforeSwap(crop, t);
            restorer.restore(crop, s.weight());
            clock[0] = timer.lap(Stage.RESTORE, t);
            CropMask mask = maskPass.afterSwap(crop, box, clock);
            PasteBack.paste(frame, crop, mask, s.blend());
            timer.lap(Stage.PASTE, clock[0]);
        }
    }
}
