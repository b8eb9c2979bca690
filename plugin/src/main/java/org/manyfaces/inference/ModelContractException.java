package org.manyfaces.inference;

import org.manyfaces.error.ErrorCode;

import java.util.List;

/** A model loads but its declared inputs/outputs differ from what the calling stage expects. */
public class ModelContractException extends InferenceException {
    private final List<String> differences;

    public ModelContractException(String message, List<String> differences) {
        super(ErrorCode.MODEL_CONTRACT, message, null);
        this.differences = List.copyOf(differences);
    }

    /** One sentence per difference, e.g. "input 'target': expected shape [1,3,128,128], model declares [1,3,256,256]". */
    public List<String> differences() {
        return differences;
    }
}
