package org.manyfaces.preset;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * Reads preset bytes into a JSON tree in one strict streaming pass, refusing what Gson's own tree builder
 * would let through silently: duplicate object keys (Gson keeps the last one), NaN and infinities (also
 * numbers too large for a double), nesting deeper than {@link PresetFormat#MAX_DEPTH}, files over
 * {@link PresetFormat#MAX_BYTES}, strings over {@link PresetFormat#MAX_STRING_CHARS}, invalid UTF-8 and
 * trailing content. Every refusal is a {@link PresetException} naming the JSON path.
 */
final class PresetJsonReader {
    private PresetJsonReader() {
    }

    /** The document's top-level object. */
    static JsonObject read(byte[] bytes) {
        if (bytes.length > PresetFormat.MAX_BYTES) {
            throw new PresetException("", "file is " + bytes.length + " bytes; presets are limited to "
                    + PresetFormat.MAX_BYTES + " bytes (1 MiB)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PresetException("", "not valid UTF-8 text (" + e.getMessage() + ")");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonReader r = new JsonReader(new StringReader(text));
        r.setStrictness(Strictness.STRICT);
        r.setNestingLimit(PresetFormat.MAX_DEPTH + 8);
        try {
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                throw new PresetException("", "a preset is a JSON object ({...}), found " + describe(r.peek()));
            }
            JsonElement root = value(r, "", 1);
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new PresetException("", "unexpected content after the closing '}' (" + r.getPath() + ")");
            }
            return root.getAsJsonObject();
        } catch (MalformedJsonException e) {
            throw new PresetException("", "malformed JSON: " + e.getMessage());
        } catch (java.io.EOFException e) {
            throw new PresetException("", "the file ends in the middle of the JSON (truncated?)");
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // JsonReader reports syntax problems as IOException subclasses or IllegalStateException.
            throw new PresetException("", "malformed JSON: " + e.getMessage());
        }
    }

    private static JsonElement value(JsonReader r, String path, int depth) throws IOException {
        if (depth > PresetFormat.MAX_DEPTH) {
            throw new PresetException(path, "nested deeper than " + PresetFormat.MAX_DEPTH + " levels");
        }
        JsonToken t = r.peek();
        switch (t) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                Set<String> seen = new HashSet<>();
                r.beginObject();
                while (r.hasNext()) {
                    String name = r.nextName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    if (!seen.add(name)) {
                        throw new PresetException(child, "duplicate key '" + name + "' (a JSON object must name each "
                                + "field once; which value was meant is ambiguous)");
                    }
                    checkLength(name, child);
                    o.add(name, value(r, child, depth + 1));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                r.beginArray();
                int i = 0;
                while (r.hasNext()) {
                    a.add(value(r, path + "[" + i + "]", depth + 1));
                    i++;
                }
                r.endArray();
                return a;
            }
            case STRING -> {
                String s = r.nextString();
                checkLength(s, path);
                return new JsonPrimitive(s);
            }
            case NUMBER -> {
                // Read the literal: nextDouble would turn 1e999 into Infinity.
                String literal = r.nextString();
                checkLength(literal, path);
                BigDecimal exact;
                try {
                    exact = new BigDecimal(literal);
                } catch (NumberFormatException e) {
                    throw new PresetException(path, "'" + literal + "' is not a number");
                }
                double d = exact.doubleValue();
                if (Double.isInfinite(d)) {
                    throw new PresetException(path, "number " + abbreviate(literal) + " is out of range (infinite)");
                }
                return new JsonPrimitive(exact);
            }
            case BOOLEAN -> {
                return new JsonPrimitive(r.nextBoolean());
            }
            case NULL -> {
                r.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new PresetException(path, "unexpected " + describe(t));
        }
    }

    private static void checkLength(String s, String path) {
        if (s.length() > PresetFormat.MAX_STRING_CHARS) {
            throw new PresetException(path, "text of " + s.length() + " characters; the limit is "
                    + PresetFormat.MAX_STRING_CHARS);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 20) + "...";
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case BEGIN_ARRAY -> "an array";
            case BEGIN_OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true/false";
            case NULL -> "null";
            case END_DOCUMENT -> "the end of the file";
            default -> t.name().toLowerCase();
        };
    }
}
