package org.manyfaces.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares what a model declares with a {@link ModelContract} and says exactly what differs, one
 * sentence per difference, e.g. {@code input 'target': expected shape [1,3,128,128], model declares [1,3,256,256]}.
 *
 * <p>A dimension the model leaves dynamic (-1) satisfies any expected size (ORT checks it at run time);
 * a fixed dimension must equal the expected one unless the contract says -1.
 */
public final class ContractCheck {
    private ContractCheck() {
    }

    /** Differences between a session and the contract; empty when it fits. */
    public static List<String> differences(ModelSession session, ModelContract contract) {
        return differences(session.inputs(), session.outputs(), contract);
    }

    /** Differences between declared inputs/outputs and the contract; empty when they fit. */
    public static List<String> differences(List<TensorSpec> inputs, List<TensorSpec> outputs, ModelContract contract) {
        List<String> diffs = new ArrayList<>();
        compare("input", inputs, contract.inputs(), diffs);
        compare("output", outputs, contract.outputs(), diffs);
        return diffs;
    }

    /** Throws a {@link ModelContractException} naming the model and every difference, if there is any. */
    public static void require(ModelSession session, ModelContract contract, String role) {
        List<String> diffs = differences(session, contract);
        if (!diffs.isEmpty()) {
            throw new ModelContractException(session.path().getFileName() + " does not fit the " + role
                    + " contract: " + String.join("; ", diffs), diffs);
        }
    }

    private static void compare(String kind, List<TensorSpec> declared, List<ModelContract.Tensor> expected,
                                List<String> diffs) {
        for (int i = 0; i < expected.size(); i++) {
            ModelContract.Tensor want = expected.get(i);
            TensorSpec have = find(declared, want, i);
            if (have == null) {
                if (want.name() != null) {
                    diffs.add("model has no " + kind + " '" + want.name() + "' (it declares "
                            + (declared.isEmpty() ? "none" : ModelSession.names(declared)) + ")");
                } else {
                    diffs.add("expected at least " + (i + 1) + " " + kind + "s, model declares " + declared.size());
                }
                continue;
            }
            String label = kind + " '" + have.name() + "'";
            if (want.type() != null && have.type() != want.type()) {
                diffs.add(label + ": expected element type " + want.type().onnxName() + ", model declares "
                        + have.type().onnxName());
            }
            long[] ws = want.shape();
            if (ws == null) {
                continue;
            }
            long[] hs = have.shape();
            if (hs.length == 0 && ws.length != 0) {
                // The model declares no shape at all: nothing to compare before running.
                continue;
            }
            if (hs.length != ws.length) {
                diffs.add(label + ": expected rank " + ws.length + " " + TensorSpec.shapeString(ws)
                        + ", model declares rank " + hs.length + " " + TensorSpec.shapeString(hs));
                continue;
            }
            for (int d = 0; d < ws.length; d++) {
                if (ws[d] >= 0 && hs[d] >= 0 && ws[d] != hs[d]) {
                    diffs.add(label + ": expected shape " + TensorSpec.shapeString(ws) + ", model declares "
                            + TensorSpec.shapeString(hs));
                    break;
                }
            }
        }
        if (kind.equals("input")) {
            // Extra outputs are harmless (not requested); extra inputs would have to be fed.
            List<String> extra = new ArrayList<>();
            for (TensorSpec t : declared) {
                boolean known = false;
                for (int i = 0; i < expected.size(); i++) {
                    ModelContract.Tensor w = expected.get(i);
                    if (w.name() != null ? w.name().equals(t.name()) : declared.indexOf(t) == i) {
                        known = true;
                    }
                }
                if (!known) {
                    extra.add("'" + t.name() + "'");
                }
            }
            if (!extra.isEmpty()) {
                diffs.add("model declares extra input" + (extra.size() > 1 ? "s " : " ") + String.join(", ", extra)
                        + " that this stage does not feed");
            }
        }
    }

    private static TensorSpec find(List<TensorSpec> declared, ModelContract.Tensor want, int position) {
        if (want.name() == null) {
            return position < declared.size() ? declared.get(position) : null;
        }
        for (TensorSpec t : declared) {
            if (t.name().equals(want.name())) {
                return t;
            }
        }
        return null;
    }
}
