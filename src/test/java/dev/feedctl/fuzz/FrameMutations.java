package dev.feedctl.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Frames to throw at the decoder: every valid fixture and captured frame, mutated the ways a broken or hostile server
 * would (truncation, wrong types, absurd numbers, deep nesting, control characters, lone surrogates, huge strings),
 * plus random text.
 */
public final class FrameMutations {

    private FrameMutations() {
    }

    /** Every valid fixture and real frame, one frame per string. */
    static List<String> seeds() {
        Path root = Path.of(System.getProperty("feedctl.testdata", "testdata"));
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.toString();
                if (name.endsWith(".ndjson")) {
                    Files.readAllLines(f).stream().filter(l -> l.startsWith("{")).forEach(out::add);
                } else if (name.endsWith(".json") && !name.contains("invalid")) {
                    out.add(Files.readString(f).replace("\n", " "));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static final String[] ABSURD = {"1E+999999999", "-1E-999999999", "1e308", "NaN", "Infinity", "-0",
        "99999999999999999999999999999999999999", "0.0000000000000000000000000000000000001", "\"1E+100000000\"",
        "\"-5\"", "\"0\"", "\"\"", "null", "true", "[]", "{}", "\"\\u001b[2J\\u0007\"", "\"\\ud800\"",
        "\"2026-13-45T99:99:99Z\"", "\"\\r\\nPASS forged\""};

    public static Arbitrary<String> frames() {
        List<String> seeds = seeds();
        Arbitrary<String> seed = Arbitraries.of(seeds);
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 100_000);
        return Arbitraries.oneOf(
                seed,
                Combinators.combine(seed, where).as((s, i) -> s.substring(0, i % (s.length() + 1))),
                Combinators.combine(seed, where, Arbitraries.of(ABSURD)).as(FrameMutations::replaceValue),
                Combinators.combine(seed, where, Arbitraries.of(ABSURD)).as(FrameMutations::replaceValue)
                        .map(s -> replaceValue(s, s.length() / 3, "{\"x\":" + "[".repeat(300) + "]".repeat(300)
                                + "}")),
                Combinators.combine(seed, where, Arbitraries.chars().range('\u0000', '\u001f'))
                        .as((s, i, c) -> insert(s, i, String.valueOf(c))),
                Combinators.combine(seed, where, Arbitraries.of("\ud800", "\udfff", "\u0000", "\u2028", "\u202e"))
                        .as(FrameMutations::insert),
                seed.map(s -> s.replace("\"", "'")),
                seed.map(s -> s.replaceFirst("\"product_id\":\"[^\"]*\"", "\"product_id\":\"" + "A".repeat(200_000)
                        + "\"")),
                seed.map(s -> s.replaceFirst("\\{", "{\"channel\":\"ticker\",")),
                Arbitraries.integers().between(1, 5_000).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(2000));
    }

    /** Replaces the JSON value after the {@code i}-th colon (roughly) with {@code value}. */
    static String replaceValue(String s, int i, String value) {
        int colon = s.indexOf(':', i % (s.length() + 1));
        if (colon < 0) {
            return s + value;
        }
        int end = colon + 1;
        int depth = 0;
        boolean inString = false;
        while (end < s.length()) {
            char c = s.charAt(end);
            if (inString) {
                if (c == '\\') {
                    end++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
            end++;
        }
        return s.substring(0, colon + 1) + value + s.substring(Math.min(end, s.length()));
    }

    static String insert(String s, int i, String what) {
        int at = i % (s.length() + 1);
        return s.substring(0, at) + what + s.substring(at);
    }
}
