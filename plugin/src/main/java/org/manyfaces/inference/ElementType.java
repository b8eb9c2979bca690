package org.manyfaces.inference;

/**
 * Tensor element types, numbered as in the ONNX {@code TensorProto.DataType} enum so that the same
 * value serves the protobuf reader, the test model builder and the contract checks.
 */
public enum ElementType {
    UNDEFINED(0, 0),
    FLOAT(1, 4),
    UINT8(2, 1),
    INT8(3, 1),
    UINT16(4, 2),
    INT16(5, 2),
    INT32(6, 4),
    INT64(7, 8),
    STRING(8, 0),
    BOOL(9, 1),
    FLOAT16(10, 2),
    DOUBLE(11, 8),
    UINT32(12, 4),
    UINT64(13, 8),
    COMPLEX64(14, 8),
    COMPLEX128(15, 16),
    BFLOAT16(16, 2);

    private final int onnxCode;
    private final int bytes;

    ElementType(int onnxCode, int bytes) {
        this.onnxCode = onnxCode;
        this.bytes = bytes;
    }

    /** The ONNX {@code TensorProto.DataType} number. */
    public int onnxCode() {
        return onnxCode;
    }

    /** Bytes per element; 0 for strings and unknown types. */
    public int bytes() {
        return bytes;
    }

    /** The type for an ONNX data-type number; {@link #UNDEFINED} for numbers this enum does not know. */
    public static ElementType fromOnnxCode(int code) {
        for (ElementType t : values()) {
            if (t.onnxCode == code) {
                return t;
            }
        }
        return UNDEFINED;
    }

    /** Lower-case name as ONNX tools print it ("float", "float16", "int64"). */
    public String onnxName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
