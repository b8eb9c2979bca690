package org.manyfaces.ofx.host;

import java.util.Optional;

import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.SourceClip;
import org.manyfaces.image.ImageView;

/**
 * {@link SourceClip} over an instance's OFX Source clip: each frame is one {@code clipGetImage} at that
 * time, released by {@link Frame#close()}. Only given to effects that declare temporal clip access, on hosts
 * whose {@link HostProfile} says they have it.
 *
 * <p>A host's word is checked before it is relied on ({@link #offersOtherFrames}): the clip must have a
 * frame range, and two images fetched at once at different times must be two different images (property set,
 * pixel memory, unique identifier). A host that answers every time with the current frame (as MLT's
 * clipGetImage does) fails that check on every instance; once any clip of the host passed it, the profile
 * remembers that the host gives other frames, so later instances (one per frame on some hosts) skip the look.
 * A failed look is kept per instance only: a still clip in a real host hands out one cached image too.
 */
final class HostSourceClip implements SourceClip {
    private final Clip clip;
    private final HostProfile profile;
    /** What this instance's own look found (null: not looked yet); a still clip may give one image at all times. */
    private Boolean verdict;

    HostSourceClip(Clip clip, HostProfile profile) {
        this.clip = clip;
        this.profile = profile;
    }

    @Override
    public Optional<Frame> frame(double time) {
        HostImage image = clip.image(time);
        if (image == null) {
            return Optional.empty();
        }
        return Optional.of(new Frame() {
            @Override
            public PixelRect bounds() {
                return image.bounds();
            }

            @Override
            public ImageView view() {
                return image.view(image.bounds());
            }

            @Override
            public void close() {
                image.close();
            }
        });
    }

    @Override
    public double[] frameRange() {
        return clip.frameRange();
    }

    @Override
    public double frameRate() {
        return clip.frameRate();
    }

    @Override
    public boolean offersOtherFrames(double time) {
        double[] range = clip.frameRangeOrNull();
        if (range == null) {
            return false;
        }
        if (verdict == null && profile.knownToGiveOtherFrames()) {
            verdict = true;
        }
        if (verdict != null) {
            return verdict;
        }
        double other = time + 1 <= range[1] + 1e-6 ? time + 1 : time - 1;
        if (other < range[0] - 1e-6) {
            return true; // a one-frame clip: there is nothing else to fetch, and nothing to learn yet
        }
        boolean distinct;
        try (HostImage now = clip.image(time); HostImage then = clip.image(other)) {
            distinct = now != null && then != null && !now.sameHostImage(then);
        }
        verdict = distinct;
        profile.rememberProbe(distinct);
        return distinct;
    }
}
