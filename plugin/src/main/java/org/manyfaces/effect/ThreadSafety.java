package org.manyfaces.effect;

/** What the effect promises the host about concurrent render calls (OFX render thread safety). */
public enum ThreadSafety {
    /** One render at a time in the whole process. */
    UNSAFE,
    /** Different instances may render at once; one instance renders one frame at a time. */
    INSTANCE_SAFE,
    /** Any instance may render several frames at once. */
    FULLY_SAFE
}
