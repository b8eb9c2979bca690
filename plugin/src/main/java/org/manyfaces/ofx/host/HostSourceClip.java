package org.manyfaces.ofx.host;

import java.util.Optional;

import org.manyfaces.effect.PixelRect;
import org.manyfaces.effect.SourceClip;
import org.manyfaces.image.ImageView;

/**
 * {@link SourceClip} over an instance's OFX Source clip: each frame is one {@code clipGetImage} at that
 * time, released by {@link Frame#close()}. Only given to effects that declare temporal clip access.
 */
final class HostSourceClip implements SourceClip {
    private final Clip clip;

    HostSourceClip(Clip clip) {
        this.clip = clip;
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
}
