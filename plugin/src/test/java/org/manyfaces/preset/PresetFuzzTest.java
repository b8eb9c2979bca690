package org.manyfaces.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.manyfaces.effect.EffectCatalogue;
import org.manyfaces.effect.EffectDescriptor;
import org.manyfaces.inference.ModelCatalogue;

/**
 * A generated corpus of mutated presets: whatever the mutation, the only failure that leaves the preset
 * code is a {@link PresetException} with a message, and a refused preset leaves the parameters exactly as
 * they were (checked on an in-memory double whose whole state is compared).
 */
class PresetFuzzTest {
    enum Mutation { TRUNCATE, TYPE_SWAP, NON_FINITE, DEEP_NESTING, HUGE_STRING, DUPLICATE_KEY, BYTE_FLIP, OUT_OF_RANGE }

    @TempDir
    Path dir;

    /** A corpus mutant: the bytes and what was done to them. */
    record Mutant(byte[] bytes, Mutation kind, String note) {
    }

    static List<String> seeds(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        for (Path f : PresetRoundTripTest.builtIns()) {
            out.add(Files.readString(f));
        }
        Random rnd = new Random(3);
        ModelCatalogue none = ModelCatalogue.packed(List.of(dir));
        for (int i = 0; i < 6; i++) {
            EffectDescriptor e = EffectCatalogue.get(i % EffectCatalogue.effects().size());
            InMemoryParams p = new InMemoryParams(e.params());
            PresetRoundTripTest.randomise(p, rnd, true);
            out.add(PresetWriter.toJson(new PresetExporter(none).export(e.id(), e.params(), p, 0, "seed " + i, "")));
        }
        return out;
    }

    static List<Mutant> corpus(List<String> seeds, int perKind, long seed) {
        Random rnd = new Random(seed);
        List<Mutant> out = new ArrayList<>();
        for (Mutation m : Mutation.values()) {
            for (int i = 0; i < perKind; i++) {
                String s = seeds.get(rnd.nextInt(seeds.size()));
                out.add(mutate(s, m, rnd));
            }
        }
        return out;
    }

    private static final String[] REPLACEMENTS = {"\"text\"", "[]", "{}", "null", "true", "[1,2]", "{\"a\":1}", "-7",
            "0.5", "\"\"", "12345678901234567890"};

    static Mutant mutate(String s, Mutation m, Random rnd) {
        switch (m) {
            case TRUNCATE -> {
                int at = rnd.nextInt(s.length());
                return new Mutant(s.substring(0, at).getBytes(StandardCharsets.UTF_8), m, "cut at " + at);
            }
            case TYPE_SWAP -> {
                List<int[]> values = valueSpans(s);
                int[] v = values.get(rnd.nextInt(values.size()));
                String r = REPLACEMENTS[rnd.nextInt(REPLACEMENTS.length)];
                return new Mutant((s.substring(0, v[0]) + r + s.substring(v[1])).getBytes(StandardCharsets.UTF_8), m,
                        s.substring(v[0], v[1]) + " -> " + r);
            }
            case NON_FINITE -> {
                List<int[]> values = valueSpans(s);
                int[] v = values.get(rnd.nextInt(values.size()));
                String r = new String[] {"NaN", "Infinity", "-Infinity", "1e999", "-1e400"}[rnd.nextInt(5)];
                return new Mutant((s.substring(0, v[0]) + r + s.substring(v[1])).getBytes(StandardCharsets.UTF_8), m, r);
            }
            case DEEP_NESTING -> {
                List<int[]> values = valueSpans(s);
                int[] v = values.get(rnd.nextInt(values.size()));
                int depth = 10 + rnd.nextInt(3000);
                boolean objects = rnd.nextBoolean();
                String open = objects ? "{\"a\":" : "[";
                String close = objects ? "}" : "]";
                String r = open.repeat(depth) + s.substring(v[0], v[1]) + close.repeat(depth);
                return new Mutant((s.substring(0, v[0]) + r + s.substring(v[1])).getBytes(StandardCharsets.UTF_8), m,
                        "depth " + depth);
            }
            case HUGE_STRING -> {
                List<int[]> values = valueSpans(s);
                int[] v = values.get(rnd.nextInt(values.size()));
                int n = new int[] {9000, 100_000, 1_100_000}[rnd.nextInt(3)];
                String r = "\"" + "\u00e9".repeat(n) + "\"";
                return new Mutant((s.substring(0, v[0]) + r + s.substring(v[1])).getBytes(StandardCharsets.UTF_8), m,
                        n + " chars");
            }
            case DUPLICATE_KEY -> {
                List<int[]> names = nameSpans(s);
                int[] n = names.get(rnd.nextInt(names.size()));
                // Repeat "name": value right after the original member.
                int valueEnd = endOfValue(s, s.indexOf(':', n[1]) + 1);
                String member = s.substring(n[0], valueEnd);
                String dup = s.substring(0, valueEnd) + "," + member + s.substring(valueEnd);
                return new Mutant(dup.getBytes(StandardCharsets.UTF_8), m, member);
            }
            case BYTE_FLIP -> {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                int flips = 1 + rnd.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                return new Mutant(b, m, flips + " flips");
            }
            case OUT_OF_RANGE -> {
                List<int[]> values = valueSpans(s);
                int[] v = values.get(rnd.nextInt(values.size()));
                String r = new String[] {"-1", "1.0000001", "256", "5000", "-0.5", "1e300", "4097"}[rnd.nextInt(7)];
                return new Mutant((s.substring(0, v[0]) + r + s.substring(v[1])).getBytes(StandardCharsets.UTF_8), m, r);
            }
            default -> throw new IllegalStateException();
        }
    }

    /** [start, end) of every scalar value (strings that are not member names, numbers, literals). */
    static List<int[]> valueSpans(String s) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                int end = endOfValue(s, i);
                int k = end;
                while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
                    k++;
                }
                if (k >= s.length() || s.charAt(k) != ':') {
                    out.add(new int[] {i, end});
                }
                i = end;
            } else if (c == '-' || Character.isDigit(c) || c == 't' || c == 'f' || c == 'n') {
                int end = endOfValue(s, i);
                out.add(new int[] {i, end});
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    /** [start, end) of every member name string. */
    static List<int[]> nameSpans(String s) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                int end = endOfValue(s, i);
                int k = end;
                while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
                    k++;
                }
                if (k < s.length() && s.charAt(k) == ':') {
                    out.add(new int[] {i, end});
                }
                i = end - 1;
            }
        }
        return out;
    }

    /** End of the JSON value starting at {@code i} (string, number, literal, or a balanced object/array). */
    static int endOfValue(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        char c = s.charAt(i);
        if (c == '"') {
            int j = i + 1;
            while (s.charAt(j) != '"') {
                j += s.charAt(j) == '\\' ? 2 : 1;
            }
            return j + 1;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            for (int j = i; j < s.length(); j++) {
                char d = s.charAt(j);
                if (d == '"') {
                    j = endOfValue(s, j) - 1;
                } else if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    if (--depth == 0) {
                        return j + 1;
                    }
                }
            }
            return s.length();
        }
        int j = i;
        while (j < s.length() && ",}] \n\r\t".indexOf(s.charAt(j)) < 0) {
            j++;
        }
        return j;
    }

    @Test
    void aThousandMutantsNeverEscapeTheBoundaryAndNeverHalfApply() throws Exception {
        List<String> seeds = seeds(dir);
        List<Mutant> corpus = corpus(seeds, 150, 20261125L);
        assertTrue(corpus.size() >= 1000, "corpus of " + corpus.size());
        ModelCatalogue models = ModelCatalogue.packed(List.of(dir));
        Map<Mutation, int[]> refusedAndApplied = new EnumMap<>(Mutation.class);
        Random rnd = new Random(11);
        int i = 0;
        for (Mutant m : corpus) {
            i++;
            EffectDescriptor effect = EffectCatalogue.get(rnd.nextInt(EffectCatalogue.effects().size()));
            InMemoryParams target = new InMemoryParams(effect.params());
            PresetRoundTripTest.randomise(target, rnd, true);
            String before = target.snapshot();
            int[] counts = refusedAndApplied.computeIfAbsent(m.kind(), k -> new int[2]);
            try {
                Path f = dir.resolve("m" + i + ".json");
                Files.write(f, m.bytes());
                PresetApplier.applyFile(f, effect.id(), effect.params(), target, models);
                counts[1]++;
            } catch (PresetException e) {
                counts[0]++;
                assertFalse(e.reason() == null || e.reason().isBlank(), "message for " + m.kind() + " " + m.note());
                assertTrue(e.getMessage().contains("m" + i + ".json"), "names the file: " + e.getMessage());
                assertEquals(before, target.snapshot(), "a refused preset changed parameters: " + m.kind() + " "
                        + m.note() + ": " + e.getMessage());
                assertEquals(0, target.editDepth());
            } catch (Throwable t) {
                fail("mutant " + i + " (" + m.kind() + ", " + m.note() + ") escaped as " + t, t);
            } finally {
                Files.deleteIfExists(dir.resolve("m" + i + ".json"));
            }
        }
        StringBuilder table = new StringBuilder("mutation        refused  applied\n");
        refusedAndApplied.forEach((k, v) -> table.append(String.format("%-15s %7d %8d%n", k, v[0], v[1])));
        System.out.print(table);
        // Mutations that always break the file must always be refused (a wrong effect id also refuses).
        for (Mutation always : List.of(Mutation.TRUNCATE, Mutation.NON_FINITE, Mutation.DUPLICATE_KEY,
                Mutation.HUGE_STRING, Mutation.DEEP_NESTING)) {
            int[] v = refusedAndApplied.get(always);
            assertEquals(0, v[1], always + " mutants were applied:\n" + table);
        }
    }
}
