package org.manyfaces.preset;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** Typed reads of JSON fields that fail with a {@link PresetException} naming the field's path. */
final class Json {
    private Json() {
    }

    static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String requireString(JsonObject o, String name, String parent) {
        JsonElement e = o.get(name);
        if (e == null) {
            throw new PresetException(path(parent, name), "is missing");
        }
        return asString(e, path(parent, name));
    }

    static String optionalString(JsonObject o, String name, String parent) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? "" : asString(e, path(parent, name));
    }

    static String asString(JsonElement e, String path) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return e.getAsString();
        }
        throw new PresetException(path, "must be a string, found " + describe(e));
    }

    static int requireInt(JsonObject o, String name, String parent) {
        JsonElement e = o.get(name);
        if (e == null) {
            throw new PresetException(path(parent, name), "is missing");
        }
        double d = asNumber(e, path(parent, name));
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new PresetException(path(parent, name), "must be a whole number, found " + e);
        }
        return (int) d;
    }

    /** A finite number (the reader already refused NaN and infinities). */
    static double asNumber(JsonElement e, String path) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double d = e.getAsDouble();
            if (!Double.isFinite(d)) {
                throw new PresetException(path, "must be a finite number, found " + e);
            }
            return d;
        }
        throw new PresetException(path, "must be a number, found " + describe(e));
    }

    static boolean asBoolean(JsonElement e, String path) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        throw new PresetException(path, "must be true or false, found " + describe(e));
    }

    /** "a string (\"abc\")", "an array", ... for messages. */
    static String describe(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        String text = p.toString();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        if (p.isBoolean()) {
            return "the boolean " + text;
        }
        if (p.isNumber()) {
            return "the number " + text;
        }
        return "the string " + text;
    }
}
