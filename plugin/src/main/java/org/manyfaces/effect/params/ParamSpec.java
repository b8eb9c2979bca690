package org.manyfaces.effect.params;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of an effect's parameter table: everything a host needs to build the control, and nothing
 * about how the value is used. A single generic routine in {@code org.manyfaces.ofx.host} turns a table of
 * these into OFX parameter definitions, so effects never write OFX code.
 *
 * <p>The {@link #id()} is the stable script name saved in projects and presets; never rename one.
 * Numeric defaults and ranges are stored as doubles for every numeric type (exact for the ints we use).
 */
public final class ParamSpec {
    private final String id;
    private final ParamType type;
    private final String label;
    private final String hint;
    private final double defaultNumber;
    private final String defaultText;
    private final double min;
    private final double max;
    private final double displayMin;
    private final double displayMax;
    private final boolean animates;
    private final String parent;
    private final List<String> choices;
    private final StringKind stringKind;
    private final boolean enabled;
    /** Per option, the manifest model it names, or null (empty list when no option names a model). */
    private final List<String> optionModels;
    private final PathRole pathRole;

    private ParamSpec(Builder b) {
        this.id = b.id;
        this.type = b.type;
        this.label = b.label;
        this.hint = b.hint;
        this.defaultNumber = b.defaultNumber;
        this.defaultText = b.defaultText;
        this.min = b.min;
        this.max = b.max;
        this.displayMin = Double.isNaN(b.displayMin) ? b.min : b.displayMin;
        this.displayMax = Double.isNaN(b.displayMax) ? b.max : b.displayMax;
        this.animates = b.animates;
        this.parent = b.parent;
        this.choices = List.copyOf(b.choices);
        this.stringKind = b.stringKind;
        this.enabled = b.enabled;
        this.optionModels = java.util.Collections.unmodifiableList(new ArrayList<>(b.optionModels));
        this.pathRole = b.pathRole;
        validate();
    }

    private void validate() {
        if (id == null || !id.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("param id '" + id + "' must be a letter followed by letters, digits or _");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("param '" + id + "' has no label");
        }
        if (type != ParamType.PAGE && type != ParamType.GROUP && (hint == null || hint.isBlank())) {
            throw new IllegalArgumentException("param '" + id + "' has no hint; every control explains itself");
        }
        if (type == ParamType.DOUBLE || type == ParamType.INT) {
            if (!(min <= max)) {
                throw new IllegalArgumentException("param '" + id + "': min " + min + " > max " + max);
            }
            if (defaultNumber < min || defaultNumber > max) {
                throw new IllegalArgumentException("param '" + id + "': default " + defaultNumber
                        + " outside [" + min + ", " + max + "]");
            }
            if (displayMin < min || displayMax > max || displayMin > displayMax) {
                throw new IllegalArgumentException("param '" + id + "': display range [" + displayMin + ", "
                        + displayMax + "] must lie inside [" + min + ", " + max + "]");
            }
            if (type == ParamType.INT && (defaultNumber != Math.rint(defaultNumber))) {
                throw new IllegalArgumentException("param '" + id + "': integer default " + defaultNumber);
            }
        }
        if (type == ParamType.CHOICE) {
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("choice param '" + id + "' has no options");
            }
            if (defaultNumber < 0 || defaultNumber >= choices.size() || defaultNumber != Math.rint(defaultNumber)) {
                throw new IllegalArgumentException("choice param '" + id + "': default index " + defaultNumber
                        + " is not one of 0.." + (choices.size() - 1));
            }
            if (!optionModels.isEmpty() && optionModels.size() != choices.size()) {
                throw new IllegalArgumentException("choice param '" + id + "': " + optionModels.size()
                        + " option models for " + choices.size() + " options");
            }
        } else if (!choices.isEmpty()) {
            throw new IllegalArgumentException("param '" + id + "' is not a choice but lists options");
        }
        if (pathRole != PathRole.FILES && stringKind != StringKind.FILE_PATH) {
            throw new IllegalArgumentException("param '" + id + "' has path role " + pathRole + " but is no file path");
        }
        if (type == ParamType.STRING && stringKind == null) {
            throw new IllegalArgumentException("string param '" + id + "' needs a StringKind");
        }
        if (animates && (type == ParamType.STRING || type == ParamType.PUSH_BUTTON || type == ParamType.GROUP
                || type == ParamType.PAGE)) {
            throw new IllegalArgumentException("param '" + id + "' of type " + type + " cannot animate");
        }
    }

    /** Starts a row; label and hint are required, the rest has sensible defaults per type. */
    public static Builder of(String id, ParamType type, String label, String hint) {
        return new Builder(id, type, label, hint);
    }

    public static ParamSpec page(String id, String label) {
        return new Builder(id, ParamType.PAGE, label, null).build();
    }

    public static ParamSpec group(String id, String label, String parentPage) {
        return new Builder(id, ParamType.GROUP, label, null).parent(parentPage).build();
    }

    public String id() {
        return id;
    }

    public ParamType type() {
        return type;
    }

    public String label() {
        return label;
    }

    public String hint() {
        return hint;
    }

    /** Default of DOUBLE/INT/BOOL (0 or 1)/CHOICE (index). */
    public double defaultNumber() {
        return defaultNumber;
    }

    /** Default of STRING params ("" when none). */
    public String defaultText() {
        return defaultText;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double displayMin() {
        return displayMin;
    }

    public double displayMax() {
        return displayMax;
    }

    public boolean animates() {
        return animates;
    }

    /** The page or group this row sits in, or null at top level. */
    public String parent() {
        return parent;
    }

    public List<String> choices() {
        return choices;
    }

    public StringKind stringKind() {
        return stringKind;
    }

    /** False for read-only controls (status lines). */
    public boolean enabled() {
        return enabled;
    }

    /** The manifest model option {@code option} of this choice stands for, if it names one. */
    public Optional<String> optionModel(int option) {
        return option >= 0 && option < optionModels.size() ? Optional.ofNullable(optionModels.get(option))
                : Optional.empty();
    }

    /** What the file of a file-path parameter is to a preset ({@link PathRole#FILES} unless the effect says). */
    public PathRole pathRole() {
        return pathRole;
    }

    @Override
    public String toString() {
        return "ParamSpec[" + id + " " + type + "]";
    }

    /** Fluent construction of a {@link ParamSpec}; {@link #build()} validates the whole row. */
    public static final class Builder {
        private final String id;
        private final ParamType type;
        private final String label;
        private final String hint;
        private double defaultNumber;
        private String defaultText = "";
        private double min;
        private double max;
        private double displayMin = Double.NaN;
        private double displayMax = Double.NaN;
        private boolean animates;
        private String parent;
        private List<String> choices = List.of();
        private StringKind stringKind;
        private boolean enabled = true;
        private List<String> optionModels = List.of();
        private PathRole pathRole = PathRole.FILES;

        private Builder(String id, ParamType type, String label, String hint) {
            this.id = id;
            this.type = Objects.requireNonNull(type, "type");
            this.label = label;
            this.hint = hint;
            // Numeric values animate by default (the host then gives keyframes for free); the rest do not,
            // because several hosts cannot animate strings, choices or booleans.
            this.animates = type == ParamType.DOUBLE || type == ParamType.INT;
            this.min = type == ParamType.INT ? Integer.MIN_VALUE : -Double.MAX_VALUE;
            this.max = type == ParamType.INT ? Integer.MAX_VALUE : Double.MAX_VALUE;
            if (type == ParamType.STRING) {
                this.stringKind = StringKind.SINGLE_LINE;
            }
        }

        public Builder defaultValue(double v) {
            this.defaultNumber = v;
            return this;
        }

        public Builder defaultValue(boolean v) {
            this.defaultNumber = v ? 1 : 0;
            return this;
        }

        public Builder defaultText(String v) {
            this.defaultText = Objects.requireNonNull(v, "default text");
            return this;
        }

        /** Hard limits. */
        public Builder range(double min, double max) {
            this.min = min;
            this.max = max;
            return this;
        }

        /** Slider range (inside the hard limits). */
        public Builder display(double min, double max) {
            this.displayMin = min;
            this.displayMax = max;
            return this;
        }

        public Builder animates(boolean v) {
            this.animates = v;
            return this;
        }

        public Builder parent(String pageOrGroup) {
            this.parent = pageOrGroup;
            return this;
        }

        public Builder choices(String... options) {
            this.choices = List.of(options);
            return this;
        }

        /** The options of an enum: labels in declaration order, and the models they name. */
        public <E extends Enum<E> & ChoiceOption> Builder choices(Class<E> options) {
            List<E> all = Arrays.asList(options.getEnumConstants());
            this.choices = all.stream().map(ChoiceOption::label).toList();
            List<String> models = new ArrayList<>();
            all.forEach(o -> models.add(o.modelId().orElse(null)));
            return optionModels(models);
        }

        /**
         * Per option, the manifest id of the model it runs, or null: a preset that picks such an option also
         * carries the model's id and SHA-256, so that importing it can say which model must be installed.
         */
        public Builder optionModels(List<String> modelIds) {
            this.optionModels = modelIds.stream().allMatch(Objects::isNull) ? List.of() : modelIds;
            return this;
        }

        public Builder pathRole(PathRole role) {
            this.pathRole = Objects.requireNonNull(role, "role");
            return this;
        }

        public Builder stringKind(StringKind kind) {
            this.stringKind = kind;
            return this;
        }

        public Builder enabled(boolean v) {
            this.enabled = v;
            return this;
        }

        public ParamSpec build() {
            return new ParamSpec(this);
        }
    }
}
