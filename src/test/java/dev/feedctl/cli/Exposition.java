package dev.feedctl.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4) for tests: every line must be a HELP,
 * a TYPE or a sample of a family declared before it; label syntax, escaping and values are checked, and a sample
 * seen twice fails. The client ships writers only, no parser, so the test carries its own.
 */
record Exposition(Map<String, String> types, List<Sample> samples) {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary"
            + "|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)\\})? (\\S+)( -?\\d+)?");
    /** name="value": a value escapes only backslash, double quote and newline. */
    private static final Pattern LABEL = Pattern.compile(
            "([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    static Exposition parse(String text) {
        if (!text.endsWith("\n")) {
            throw new AssertionError("the exposition must end with a newline");
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) {
                    throw new AssertionError("TYPE twice: " + line);
                }
            } else if (HELP.matcher(line).matches()) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String family = familyOf(m.group(1), types);
                if (family == null) {
                    throw new AssertionError("a sample of no declared family: " + line);
                }
                Sample s = new Sample(m.group(1), labels(m.group(3), line), value(m.group(4), line));
                if (!seen.add(s.name() + s.labels())) {
                    throw new AssertionError("sample twice: " + line);
                }
                samples.add(s);
            } else {
                throw new AssertionError("not a line of the text format: '" + line + "'");
            }
        }
        return new Exposition(types, samples);
    }

    private static String familyOf(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created")) {
            String base = sample.endsWith(suffix) ? sample.substring(0, sample.length() - suffix.length()) : null;
            if (base != null && types.containsKey(base)) {
                return base;
            }
        }
        return null;
    }

    private static Map<String, String> labels(String text, String line) {
        Map<String, String> out = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = LABEL.matcher(text);
        int at = 0;
        while (m.find(at) && m.start() == at) {
            if (out.put(m.group(1), m.group(2)) != null) {
                throw new AssertionError("label twice: " + line);
            }
            at = m.end();
            if (at < text.length()) {
                if (text.charAt(at) != ',') {
                    throw new AssertionError("labels not comma-separated: " + line);
                }
                at++;
            }
        }
        if (at != text.length()) {
            throw new AssertionError("bad labels: " + line);
        }
        return out;
    }

    private static double value(String v, String line) {
        return switch (v) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!v.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
                    throw new AssertionError("not a sample value: " + line);
                }
                yield Double.parseDouble(v);
            }
        };
    }

    /** The type a family was declared with; the family name as the TYPE line gives it. */
    String type(String family) {
        return types.get(family);
    }

    /** The samples called {@code name}. */
    List<Sample> named(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The one value of {@code name} with exactly these labels; fails when absent. */
    double value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(new TreeMap<>(labels)))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name + labels)).value();
    }
}
