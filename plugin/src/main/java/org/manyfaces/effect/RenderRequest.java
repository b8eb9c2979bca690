package org.manyfaces.effect;

import java.util.Objects;

import org.manyfaces.image.ImageView;

/**
 * One render call, stripped of OFX: the time, the render scale and two top-down views cut to the render
 * window. {@code output} covers exactly the window and is the only memory a renderer may write;
 * {@code source} has the same size and covers the same pixels. When the source image does not reach
 * the whole render window, the host façade clears the window to transparent black and renders only the
 * part the source covers, so {@code window} may be smaller than the host's render window.
 *
 * @param time         frame being rendered; read every parameter at this time
 * @param renderScaleX pixels per canonical unit in x (1 at full resolution, 0.5 at half proxy)
 * @param renderScaleY the same in y
 * @param window       the render window in OFX pixel coordinates
 * @param source       the source pixels of the window (top-down); same size as output
 * @param output       the output pixels of the window (top-down)
 */
public record RenderRequest(double time, double renderScaleX, double renderScaleY, PixelRect window,
                            ImageView source, ImageView output) {
    public RenderRequest {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(output, "output");
        if (source.width() != output.width() || source.height() != output.height()) {
            throw new IllegalArgumentException("source " + source + " and output " + output + " differ in size");
        }
        if (output.width() != window.width() || output.height() != window.height()) {
            throw new IllegalArgumentException("output " + output + " does not match render window " + window);
        }
    }
}
