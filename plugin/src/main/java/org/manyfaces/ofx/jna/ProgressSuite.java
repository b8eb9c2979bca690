package org.manyfaces.ofx.jna;

/**
 * {@code OfxProgressSuiteV1} or {@code V2}. V2's progressStart takes (instance, message, messageId); V1's
 * takes (instance, label). Update returns kOfxStatReplyNo when the user cancelled.
 */
public final class ProgressSuite extends SuiteTable {
    public static final String NAME = "OfxProgressSuite";
    private final int version;

    public ProgressSuite(long address, int version) {
        super(NAME, address, 3);
        this.version = version;
    }

    public int start(long instance, String label, String id) {
        if (version >= 2) {
            return fn(0).invokeInt(new Object[] {instance, label, id});
        }
        return fn(0).invokeInt(new Object[] {instance, label});
    }

    public int update(long instance, double progress) {
        return call(1, instance, progress);
    }

    public int end(long instance) {
        return call(2, instance);
    }
}
