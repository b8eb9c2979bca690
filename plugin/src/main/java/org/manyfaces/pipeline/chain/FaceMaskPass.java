package org.manyfaces.pipeline.chain;

import java.util.ArrayList;
import java.util.List;

import org.manyfaces.image.ImageView;
import org.manyfaces.pipeline.Face;
import org.manyfaces.pipeline.align.FaceCrop;
import org.manyfaces.pipeline.landmark.FaceOutlineMask;
import org.manyfaces.pipeline.landmark.Landmarks68;
import org.manyfaces.pipeline.mask.MaskCombiner;
import org.manyfaces.pipeline.mask.MouthKeep;
import org.manyfaces.pipeline.mask.MouthMask;
import org.manyfaces.pipeline.paste.CropMask;

/**
 * The landmark and mask steps around the swap of one face, in FaceFusion's order: the 68 landmarks before
 * alignment (their five points replace the detector's when the landmarker is confident); on the target
 * crop before the swap, the occlusion mask and the parsed mouth (what covers the original face, and the
 * original mouth, belong to the target); on the swapped crop, the region mask (FaceFusion parses the
 * swapped face); then the landmark masks, and everything combined with the box mask by minimum.
 *
 * <p>One instance per face and thread. Each step adds its time to its {@link Stage} and returns the clock.
 * Public so that another face chain (Face Restore's) can mask its pasted crop the same way: call
 * {@link #landmark}, warp the crop, {@link #beforeSwap} on the original crop, process it, {@link #afterSwap}.
 */
public final class FaceMaskPass {
    private final FaceMaskers maskers;
    private final MaskSettings settings;
    private final boolean faceOutline;
    private final StageTimer timer;
    private final List<CropMask> masks = new ArrayList<>(4);
    private Landmarks68 landmarks;

    /** @param faceOutline whether confident 68 points shape the paste to the face (the Classic swap) */
    public FaceMaskPass(FaceMaskers maskers, MaskSettings settings, boolean faceOutline, StageTimer timer) {
        this.maskers = maskers;
        this.settings = settings;
        this.faceOutline = faceOutline;
        this.timer = timer;
    }

    /** The face to align: with the landmarker's five points when it is confident enough, else as detected. */
    public Face landmark(ImageView frame, Face face, long[] clock) {
        if (maskers.landmarker().isEmpty()) {
            return face;
        }
        Landmarks68 found = maskers.landmarker().get().detect(frame, face);
        clock[0] = timer.lap(Stage.LANDMARKS, clock[0]);
        if (found.score() < settings.landmarkerScore()) {
            return face; // as FaceFusion: an unsure landmarker changes nothing
        }
        landmarks = found;
        return found.refine(face);
    }

    /** Masks taken from the target crop, before the swap overwrites it. */
    public long beforeSwap(FaceCrop target, long t) {
        if (maskers.occluder().isPresent()) {
            masks.add(maskers.occluder().get().mask(target));
            t = timer.lap(Stage.OCCLUSION, t);
        }
        if (settings.mouthKeep() == MouthKeep.FROM_REGIONS) {
            masks.add(MouthMask.fromParse(maskers.parser().orElseThrow().parse(target), target.size()));
            t = timer.lap(Stage.REGION, t);
        }
        return t;
    }

    /** Masks taken from the swapped crop and the landmarks; {@code clock[0]} is read and advanced. */
    public CropMask afterSwap(FaceCrop swapped, CropMask box, long[] clock) {
        int size = swapped.size();
        if (settings.regionMask()) {
            masks.add(maskers.parser().orElseThrow().mask(swapped, settings.regions()));
            clock[0] = timer.lap(Stage.REGION, clock[0]);
        }
        if (landmarks != null && (faceOutline || settings.mouthKeep() == MouthKeep.FROM_LANDMARKS)) {
            float[] crop68 = landmarks.mapped(swapped.frameToCrop());
            if (faceOutline) {
                masks.add(FaceOutlineMask.create(crop68, size));
            }
            if (settings.mouthKeep() == MouthKeep.FROM_LANDMARKS) {
                masks.add(MouthMask.fromLandmarks(crop68, size));
            }
            clock[0] = timer.lap(Stage.LANDMARKS, clock[0]);
        }
        return MaskCombiner.minimum(box, masks);
    }
}
