package org.manyfaces.pipeline;

/** An axis-aligned box in frame pixels (top-down coordinates): left, top, width, height. */
public record Box(float x, float y, float width, float height) {

    public float right() {
        return x + width;
    }

    public float bottom() {
        return y + height;
    }

    public float area() {
        return Math.max(0f, width) * Math.max(0f, height);
    }

    public float centerX() {
        return x + width / 2f;
    }

    public float centerY() {
        return y + height / 2f;
    }

    /** Intersection over union; 0 when either box is empty. */
    public float iou(Box o) {
        float ix = Math.max(0f, Math.min(right(), o.right()) - Math.max(x, o.x));
        float iy = Math.max(0f, Math.min(bottom(), o.bottom()) - Math.max(y, o.y));
        float inter = ix * iy;
        float union = area() + o.area() - inter;
        return union <= 0f ? 0f : inter / union;
    }

    public boolean contains(float px, float py) {
        return px >= x && px <= right() && py >= y && py <= bottom();
    }
}
