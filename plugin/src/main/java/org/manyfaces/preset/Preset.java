package org.manyfaces.preset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.google.gson.JsonObject;

/**
 * A preset as read from (or written to) a file, before it is checked against an effect: document fields,
 * one raw JSON entry per parameter ({@code value}, {@code keys}, {@code files}, {@code model}; see README),
 * the top-level fields this version does not know (kept, so writing the preset again loses nothing) and the
 * warnings reading it produced.
 *
 * @param effectId         the effect the preset is for ({@code org.manyfaces.FaceSwap})
 * @param name             short display name ("" when none)
 * @param description      free text ("" when none)
 * @param manyFacesVersion the ManyFaces version that wrote it
 * @param params           parameter id to its entry, in file order
 * @param unknownFields    top-level fields of a newer format, kept and ignored
 * @param warnings         what was ignored or migrated while reading
 */
public record Preset(String effectId, String name, String description, String manyFacesVersion,
                     Map<String, JsonObject> params, JsonObject unknownFields, List<String> warnings) {
    public Preset {
        Objects.requireNonNull(effectId, "effectId");
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        manyFacesVersion = manyFacesVersion == null ? "" : manyFacesVersion;
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        unknownFields = unknownFields == null ? new JsonObject() : unknownFields.deepCopy();
        warnings = List.copyOf(warnings);
    }
}
