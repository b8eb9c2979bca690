package org.manyfaces.effect.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An effect's ordered parameter table. Checks that ids are unique and that every parent names a page or
 * group defined in the same table, and gives each row a stable index (the host façade caches native
 * handles by that index).
 */
public final class ParamTable {
    private final List<ParamSpec> rows;
    private final Map<String, Integer> indexById;

    public ParamTable(List<ParamSpec> rows) {
        this.rows = List.copyOf(rows);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < this.rows.size(); i++) {
            ParamSpec p = this.rows.get(i);
            if (idx.put(p.id(), i) != null) {
                throw new IllegalArgumentException("duplicate param id '" + p.id() + "'");
            }
        }
        for (ParamSpec p : this.rows) {
            if (p.parent() == null) {
                continue;
            }
            Integer parentIdx = idx.get(p.parent());
            if (parentIdx == null) {
                throw new IllegalArgumentException("param '" + p.id() + "' names unknown parent '" + p.parent() + "'");
            }
            ParamType pt = this.rows.get(parentIdx).type();
            if (pt != ParamType.PAGE && pt != ParamType.GROUP) {
                throw new IllegalArgumentException("param '" + p.id() + "' has parent '" + p.parent()
                        + "' which is a " + pt + ", not a page or group");
            }
        }
        this.indexById = Collections.unmodifiableMap(idx);
    }

    public List<ParamSpec> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    public ParamSpec get(int index) {
        return rows.get(index);
    }

    /** Index of {@code id}; throws with the id when unknown. */
    public int indexOf(String id) {
        Integer i = indexById.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no param '" + id + "' in this effect");
        }
        return i;
    }

    public ParamSpec get(String id) {
        return rows.get(indexOf(id));
    }

    /** The rows whose page (directly, or through their group) is {@code pageId}, in table order. */
    public List<ParamSpec> childrenOfPage(String pageId) {
        List<ParamSpec> out = new ArrayList<>();
        for (ParamSpec p : rows) {
            if (p.type() != ParamType.PAGE && pageId.equals(pageOf(p))) {
                out.add(p);
            }
        }
        return out;
    }

    private String pageOf(ParamSpec p) {
        String parent = p.parent();
        while (parent != null) {
            ParamSpec up = get(parent);
            if (up.type() == ParamType.PAGE) {
                return up.id();
            }
            parent = up.parent();
        }
        return null;
    }
}
