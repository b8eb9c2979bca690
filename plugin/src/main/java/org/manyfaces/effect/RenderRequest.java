package org.manyfaces.effect;

import java.util.Objects;

import org.manyfaces.image.ImageView;

/**
 * One render call, stripped of OFX: the time, the render scale and top-down views cut to the render
 * window. {@code output} covers exactly the window and is the only memory a renderer may write.
 *
 * <p>For an effect whose output has the size of its source ({@link EffectRenderer#outputScale} 1),
 * {@code source} has the same size as {@code output} and covers the same pixels ({@code sourceWindow}
 * equals {@code window}). When the source image does not reach the whole render window, the host façade
 * clears the window to transparent black and renders only the part the source covers, so {@code window} may
 * be smaller than the host's render window.
 *
 * <p>For an effect that enlarges the frame (super-resolution, output scale {@code k > 1}), {@code source}
 * is the whole source image the host gave ({@code sourceWindow}, in source pixel coordinates) and
 * {@code window} lies inside {@code sourceWindow × k}.
 *
 * @param time         frame being rendered; read every parameter at this time
 * @param renderScaleX pixels per canonical unit in x (1 at full resolution, 0.5 at half proxy)
 * @param renderScaleY the same in y
 * @param window       the render window in OFX pixel coordinates of the output
 * @param source       the source pixels of {@code sourceWindow} (top-down)
 * @param output       the output pixels of the window (top-down)
 * @param sourceWindow the part of the source that {@code source} shows, in source pixel coordinates
 * @param mask         the optional mask input over {@code sourceWindow} (its alpha, or its first channel when
 *                     it has no alpha, is the weight), or null when none is connected
 * @param cancel       whether the host wants this render to stop (polled between stages)
 */
public record RenderRequest(double time, double renderScaleX, double renderScaleY, PixelRect window,
                            ImageView source, ImageView output, PixelRect sourceWindow, ImageView mask,
                            RenderCancel cancel) {
    public RenderRequest {
        Objects.requireNonNull(cancel, "cancel");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(sourceWindow, "sourceWindow");
        if (output.width() != window.width() || output.height() != window.height()) {
            throw new IllegalArgumentException("output " + output + " does not match render window " + window);
        }
        if (source.width() != sourceWindow.width() || source.height() != sourceWindow.height()) {
            throw new IllegalArgumentException("source " + source + " does not match source window " + sourceWindow);
        }
        if (mask != null && (mask.width() != source.width() || mask.height() != source.height())) {
            throw new IllegalArgumentException("mask " + mask + " and source " + source + " differ in size");
        }
    }

    /** A render the host cannot cancel. */
    public RenderRequest(double time, double renderScaleX, double renderScaleY, PixelRect window,
                         ImageView source, ImageView output, PixelRect sourceWindow, ImageView mask) {
        this(time, renderScaleX, renderScaleY, window, source, output, sourceWindow, mask, RenderCancel.NEVER);
    }

    /** A same-size render: source and output cover the same window; no mask. */
    public RenderRequest(double time, double renderScaleX, double renderScaleY, PixelRect window,
                         ImageView source, ImageView output) {
        this(time, renderScaleX, renderScaleY, window, source, output, window, null);
        if (source.width() != output.width() || source.height() != output.height()) {
            throw new IllegalArgumentException("source " + source + " and output " + output + " differ in size");
        }
    }

    /** Whether the output covers the same pixels as the source (an output scale of 1). */
    public boolean sameSize() {
        return window.equals(sourceWindow);
    }
}
