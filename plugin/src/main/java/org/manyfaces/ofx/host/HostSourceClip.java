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
 * frame range, and two images fetched at once at different times must be two different images. A host that
 * answers every time with the current frame (MLT's clipGetImage ignores the time) fails that check once per
 * process, and the verdict is kept in the profile, so per-frame instances do not probe again.
 */
final class HostSourceClip implements SourceClip {
    private final Clip clip;
    private final HostProfile profile;

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
        Boolean known = profile.givesOtherFrames();
        if (known != null) {
            return known;
        }
        double other = time + 1 <= range[1] + 1e-6 ? time + 1 : time - 1;
        if (other < range[0] - 1e-6) {
            return true; // a one-frame clip: there is nothing else to fetch, and nothing to learn yet
        }
        boolean distinct;
        try (HostImage now = clip.image(time); HostImage then = clip.image(other)) {
            distinct = now != null && then != null && !now.sameHostImage(then);
        }
        profile.rememberGivesOtherFrames(distinct);
        return distinct;
    }
}
