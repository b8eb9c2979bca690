package org.manyfaces.ofx.host;

import java.util.List;

import org.manyfaces.effect.params.ParamSpec;
import org.manyfaces.effect.params.ParamTable;
import org.manyfaces.effect.params.ParamType;
import org.manyfaces.effect.params.StringKind;
import org.manyfaces.ofx.jna.NativeName;
import org.manyfaces.ofx.jna.Scratch;

/**
 * An effect's OFX parameter set: the one generic routine that turns a {@link ParamTable} into OFX
 * parameter definitions at describe time, and handle look-up for instances.
 */
public final class ParamSet {
    private final HostSuites suites;
    private final long handle;

    ParamSet(HostSuites suites, long effect) {
        this.suites = suites;
        Scratch s = Scratch.get();
        OfxException.check(suites.effects.getParamSet(effect, s), "getParamSet");
        this.handle = s.getAddress(0);
    }

    /**
     * Defines every row of {@code table}. Pages come last: a page lists its children by name, so they
     * exist by then. A row whose parent is a group gets that group as OFX parent; pages are not OFX
     * parents, they list their children instead.
     */
    public void defineAll(ParamTable table) {
        for (ParamSpec p : table.rows()) {
            if (p.type() != ParamType.PAGE) {
                define(p, table);
            }
        }
        for (ParamSpec p : table.rows()) {
            if (p.type() == ParamType.PAGE) {
                PropertySet props = defineBase(p);
                List<ParamSpec> children = table.childrenOfPage(p.id());
                for (int i = 0; i < children.size(); i++) {
                    props.setString(OfxNames.PARAM_PAGE_CHILD, i, NativeName.of(children.get(i).id()));
                }
            }
        }
    }

    /** The OFX param set handle (for paramEditBegin/End). */
    long address() {
        return handle;
    }

    /** The instance handle of param {@code id}. */
    long handle(String id) {
        Scratch s = Scratch.get();
        OfxException.check(suites.params.paramGetHandle(handle, NativeName.of(id), s), "paramGetHandle(" + id + ")");
        return s.getAddress(0);
    }

    private PropertySet defineBase(ParamSpec p) {
        Scratch s = Scratch.get();
        int st = suites.params.paramDefine(handle, typeName(p.type()), NativeName.of(p.id()), s);
        OfxException.check(st, "paramDefine(" + p.id() + ")");
        PropertySet props = suites.props(s.getAddress(0));
        props.setString(OfxNames.PROP_LABEL, 0, p.label());
        props.trySetString(OfxNames.PARAM_SCRIPT_NAME, p.id());
        if (p.hint() != null) {
            props.setString(OfxNames.PARAM_HINT, 0, p.hint());
        }
        return props;
    }

    private void define(ParamSpec p, ParamTable table) {
        PropertySet props = defineBase(p);
        if (p.parent() != null && table.get(p.parent()).type() == ParamType.GROUP) {
            props.setString(OfxNames.PARAM_PARENT, 0, p.parent());
        }
        switch (p.type()) {
            case DOUBLE -> {
                props.setDouble(OfxNames.PARAM_DEFAULT, 0, p.defaultNumber());
                props.setDouble(OfxNames.PARAM_MIN, 0, p.min());
                props.setDouble(OfxNames.PARAM_MAX, 0, p.max());
                props.setDouble(OfxNames.PARAM_DISPLAY_MIN, 0, p.displayMin());
                props.setDouble(OfxNames.PARAM_DISPLAY_MAX, 0, p.displayMax());
            }
            case INT -> {
                props.setInt(OfxNames.PARAM_DEFAULT, 0, (int) p.defaultNumber());
                props.setInt(OfxNames.PARAM_MIN, 0, (int) p.min());
                props.setInt(OfxNames.PARAM_MAX, 0, (int) p.max());
                props.setInt(OfxNames.PARAM_DISPLAY_MIN, 0, (int) p.displayMin());
                props.setInt(OfxNames.PARAM_DISPLAY_MAX, 0, (int) p.displayMax());
            }
            case BOOL -> props.setInt(OfxNames.PARAM_DEFAULT, 0, (int) p.defaultNumber());
            case CHOICE -> {
                props.setStrings(OfxNames.PARAM_CHOICE_OPTION, p.choices());
                props.setInt(OfxNames.PARAM_DEFAULT, 0, (int) p.defaultNumber());
            }
            case STRING -> {
                props.setString(OfxNames.PARAM_STRING_MODE, 0, stringMode(p.stringKind()));
                props.setString(OfxNames.PARAM_DEFAULT, 0, p.defaultText());
                if (p.stringKind() == StringKind.SAVE_FILE_PATH) {
                    // 0 = the file need not exist: hosts show a save dialog instead of an open dialog.
                    props.trySetInt(OfxNames.PARAM_STRING_FILE_PATH_EXISTS, 0);
                }
                if (p.stringKind() == StringKind.LABEL) {
                    // A status line is output, not input: not saved with the project, no re-render on change.
                    props.trySetInt(OfxNames.PARAM_PERSISTANT, 0);
                    props.trySetInt(OfxNames.PARAM_EVALUATE_ON_CHANGE, 0);
                }
            }
            default -> {
                // PUSH_BUTTON and GROUP carry no value.
            }
        }
        if (p.type().hasValue()) {
            props.trySetInt(OfxNames.PARAM_ANIMATES, p.animates() ? 1 : 0);
        }
        if (!p.enabled()) {
            props.trySetInt(OfxNames.PARAM_ENABLED, 0);
        }
    }

    private static NativeName typeName(ParamType t) {
        return switch (t) {
            case DOUBLE -> OfxNames.PARAM_TYPE_DOUBLE;
            case INT -> OfxNames.PARAM_TYPE_INTEGER;
            case BOOL -> OfxNames.PARAM_TYPE_BOOLEAN;
            case CHOICE -> OfxNames.PARAM_TYPE_CHOICE;
            case STRING -> OfxNames.PARAM_TYPE_STRING;
            case PUSH_BUTTON -> OfxNames.PARAM_TYPE_PUSH_BUTTON;
            case GROUP -> OfxNames.PARAM_TYPE_GROUP;
            case PAGE -> OfxNames.PARAM_TYPE_PAGE;
        };
    }

    private static NativeName stringMode(StringKind k) {
        return switch (k) {
            case SINGLE_LINE -> OfxNames.STRING_SINGLE_LINE;
            case FILE_PATH, SAVE_FILE_PATH -> OfxNames.STRING_FILE_PATH;
            case LABEL -> OfxNames.STRING_LABEL;
        };
    }
}
