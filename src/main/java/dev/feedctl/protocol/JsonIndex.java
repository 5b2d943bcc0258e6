package dev.feedctl.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.HashSet;
import java.util.Set;

/**
 * One strict JSON document (RFC 8259, the grammar {@link Json#parse} accepts) indexed in a single pass, without a
 * tree: every value is a node of four ints (kind, start, end, the node after its subtree) pointing into the frame's
 * own text (a leaf's successor is the next node, so a member name keeps its hash in that place instead).
 * Strings, decimals and times are made only when the validator asks for them, so a valid frame costs
 * its records and little else, and an 8 MB level2 snapshot is not copied into a million small objects first.
 * Object members are a key node followed by its value's subtree. Duplicate names and nesting deeper than
 * {@link Json#MAX_DEPTH} are refused, as by {@link Json#parse}.
 *
 * <p>Not thread-safe: one tape per thread, reused frame after frame (the index grows to the largest frame seen).
 */
final class JsonIndex {

    static final int OBJECT = 1;
    static final int ARRAY = 2;
    static final int STRING = 3;
    static final int NUMBER = 4;
    static final int TRUE = 5;
    static final int FALSE = 6;
    static final int NULL = 7;
    private static final int KIND = 0xF;
    private static final int ESCAPED = 0x10;
    /** Past this many names in one object, duplicates are found through a set instead of by comparing each pair. */
    private static final int PAIRWISE_NAMES = 16;
    /** The last {@code product_id} read with this index (one per thread): {@link FieldReader#productId}. */
    final String[] lastProduct = {""};

    /** Refusal: the caller asks {@link Json#parse} for the words (rare, so no stack trace is made here). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        private Refused() {
            super(null, null, false, false);
        }
    }

    private static final Refused REFUSED = new Refused();

    private int[] nodes = new int[4 * 64];
    private int count;
    private String s;
    private int pos;

    /** A REST answer indexed: null when it is not one strict JSON value whose root (node 0) is an object. */
    static JsonIndex ofObject(String body) {
        JsonIndex t = new JsonIndex();
        try {
            t.parse(body);
        } catch (Refused e) {
            return null;
        }
        return t.kind(0) == OBJECT ? t : null;
    }

    /**
     * Member {@code name} of object node {@code object} as Gson's {@code getAsString} gives a primitive: a string
     * unescaped, a number or literal as written; null when absent or not a primitive.
     */
    String memberText(int object, String name) {
        int v = get(object, name);
        if (v < 0) {
            return null;
        }
        return switch (kind(v)) {
            case STRING -> string(v);
            case NUMBER, TRUE, FALSE -> text().substring(start(v), end(v));
            default -> null;
        };
    }

    /** Member {@code name} of object node {@code object} when it is a JSON string, unescaped; null otherwise. */
    String memberString(int object, String name) {
        int v = get(object, name);
        return v >= 0 && kind(v) == STRING ? string(v) : null;
    }

    /** Indexes {@code text}; the root is node 0. Throws when it is not one strict JSON value. */
    void parse(String text) throws Refused {
        s = text;
        indexed = -1;
        open = 0;
        pos = !text.isEmpty() && text.charAt(0) == '\ufeff' ? 1 : 0; // a byte-order mark, skipped as gson does
        count = 0;
        value(0);
        if (skipSpace() != text.length()) {
            throw REFUSED;
        }
    }

    /** Lets go of the text; the index stays for the next frame. */
    void forget() {
        s = null;
        indexed = -1;
    }

    /** Whether the index grew past what a normal frame needs (16 MiB): then it is not kept for the next frame. */
    boolean isHuge() {
        return nodes.length > (1 << 22);
    }

    String text() {
        return s;
    }

    int kind(int n) {
        return nodes[4 * n] & KIND;
    }

    boolean isNull(int n) {
        return n < 0 || kind(n) == NULL;
    }

    /** First character of a string's content (after the quote), or of any other token. */
    int start(int n) {
        return nodes[4 * n + 1];
    }

    /** End (exclusive) of a string's content (before the quote), or of any other token. */
    int end(int n) {
        return nodes[4 * n + 2];
    }

    /** The node after {@code n} and everything inside it. */
    int after(int n) {
        return (nodes[4 * n] & KIND) <= ARRAY ? nodes[4 * n + 3] : n + 1;
    }

    boolean escaped(int n) {
        return (nodes[4 * n] & ESCAPED) != 0;
    }

    /**
     * The value of member {@code name} of object {@code obj}, or -1. The validator asks one object for a dozen
     * members in a row, so the object last asked is indexed by its names' hashes: one pass over its names, then each
     * lookup is a probe or two instead of a walk.
     */
    int get(int obj, String name) {
        if (obj != indexed) {
            index(obj);
        }
        if (indexedLinear) {
            for (int k = obj + 1; k < after(obj); k = after(k + 1)) {
                if (nameIs(k, name)) {
                    return k + 1;
                }
            }
            return -1;
        }
        int h = name.hashCode();
        for (int slot = mix(h); table[slot] != 0; slot = (slot + 1) & (TABLE - 1)) {
            int k = table[slot] - 1;
            if (nodes[4 * k + 3] == h && nameIs(k, name)) {
                return k + 1;
            }
        }
        return -1;
    }

    private static final int TABLE = 64;
    private final int[] table = new int[TABLE];
    private int indexed = -1;
    private boolean indexedLinear;

    private void index(int obj) {
        java.util.Arrays.fill(table, 0);
        indexed = obj;
        int names = 0;
        for (int k = obj + 1; k < after(obj); k = after(k + 1)) {
            names++;
        }
        indexedLinear = names > TABLE / 2;
        if (indexedLinear) {
            return;
        }
        for (int k = obj + 1; k < after(obj); k = after(k + 1)) {
            int slot = mix(nodes[4 * k + 3]);
            while (table[slot] != 0) {
                slot = (slot + 1) & (TABLE - 1);
            }
            table[slot] = k + 1;
        }
    }

    private static int mix(int h) {
        return (h ^ (h >>> 16) ^ (h >>> 7)) & (TABLE - 1);
    }

    /** The {@link String#hashCode()} of key node {@code k}'s text, kept by the scanner. */
    int nameHash(int k) {
        return nodes[4 * k + 3];
    }

    /** Whether key node {@code k} spells {@code name}: its text's hash, kept by the scanner, decides most. */
    boolean nameIs(int k, String name) {
        if (nodes[4 * k + 3] != name.hashCode()) {
            return false;
        }
        if (escaped(k)) {
            return string(k).equals(name);
        }
        int from = start(k);
        return end(k) - from == name.length() && same(from, name, 0, name.length());
    }

    /** {@code s[from, from + len)} equals {@code other[otherFrom, otherFrom + len)}. */
    private boolean same(int from, String other, int otherFrom, int len) {
        for (int i = 0; i < len; i++) {
            if (s.charAt(from + i) != other.charAt(otherFrom + i)) {
                return false;
            }
        }
        return true;
    }

    /** The string's text; for other nodes, the token as written. */
    String string(int n) {
        return escaped(n) ? unescape(start(n), end(n)) : s.substring(start(n), end(n));
    }

    /** A string node's text if it is one of {@code known} (that very instance, nothing made), else a new string. */
    String string(int n, String[] known) {
        if (!escaped(n)) {
            int from = start(n);
            int len = end(n) - from;
            for (String k : known) {
                if (k.length() == len && same(from, k, 0, len)) {
                    return k;
                }
            }
        }
        return string(n);
    }

    /** Whether two string nodes hold the same text. */
    boolean sameText(int a, int b) {
        if (escaped(a) || escaped(b)) {
            return string(a).equals(string(b));
        }
        int len = end(a) - start(a);
        return len == end(b) - start(b) && same(start(a), s, start(b), len);
    }

    /** The subtree as gson elements: for the rare consumer that wants a tree (unknown events, error texts). */
    JsonElement toGson(int n) {
        switch (kind(n)) {
            case OBJECT -> {
                JsonObject o = new JsonObject();
                for (int k = n + 1; k < after(n); k = after(k + 1)) {
                    o.add(string(k), toGson(k + 1));
                }
                return o;
            }
            case ARRAY -> {
                JsonArray a = new JsonArray();
                for (int e = n + 1; e < after(n); e = after(e)) {
                    a.add(toGson(e));
                }
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(string(n));
            }
            case NUMBER -> {
                return new JsonPrimitive(Json.number(string(n)));
            }
            case TRUE, FALSE -> {
                return new JsonPrimitive(kind(n) == TRUE);
            }
            default -> {
                return JsonNull.INSTANCE;
            }
        }
    }

    // ---- the scanner ---------------------------------------------------------------------------------------------

    private int add(int kind, int start) {
        if (4 * count + 4 > nodes.length) {
            int[] bigger = new int[nodes.length * 2];
            System.arraycopy(nodes, 0, bigger, 0, 4 * count);
            nodes = bigger;
        }
        int n = count++;
        nodes[4 * n] = kind;
        nodes[4 * n + 1] = start;
        return n;
    }

    private void close(int n, int end) {
        nodes[4 * n + 2] = end;
        nodes[4 * n + 3] = count;
    }

    private int skipSpace() {
        int n = s.length();
        while (pos < n) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            pos++;
        }
        return pos;
    }

    private void value(int depth) throws Refused {
        if (skipSpace() >= s.length()) {
            throw REFUSED;
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string(false);
            case 't' -> literal("true", TRUE);
            case 'f' -> literal("false", FALSE);
            case 'n' -> literal("null", NULL);
            default -> number();
        }
    }

    private void object(int depth) throws Refused {
        nest(depth);
        int o = add(OBJECT, pos++);
        int names = 0;
        int base = open;
        Set<String> seen = null;
        if (peekAfterSpace() == '}') {
            pos++;
        } else {
            while (true) {
                if (peekAfterSpace() != '"') {
                    throw REFUSED;
                }
                int k = count;
                string(true);
                int h = escaped(k) ? string(k).hashCode() : keyHash;
                nodes[4 * k + 3] = h;
                if (++names > PAIRWISE_NAMES) {
                    if (seen == null) {
                        seen = new HashSet<>();
                        for (int j = o + 1; j < k; j = after(j + 1)) {
                            seen.add(string(j));
                        }
                    }
                    if (!seen.add(string(k))) {
                        throw REFUSED;
                    }
                } else {
                    for (int j = base; j < open; j++) {
                        if (openHashes[j] == h && sameText(openKeys[j], k)) {
                            throw REFUSED;
                        }
                    }
                    push(k, h);
                }
                if (peekAfterSpace() != ':') {
                    throw REFUSED;
                }
                pos++;
                value(depth + 1);
                if (closedBy('}')) {
                    break;
                }
            }
        }
        open = base;
        close(o, pos);
    }

    /**
     * The names of the objects being scanned, innermost last, with their hashes side by side: a new name is checked
     * against its object's earlier names in one short run of ints.
     */
    private int[] openKeys = new int[64];
    private int[] openHashes = new int[64];
    private int open;

    private void push(int k, int h) {
        if (open == openKeys.length) {
            openKeys = java.util.Arrays.copyOf(openKeys, open * 2);
            openHashes = java.util.Arrays.copyOf(openHashes, open * 2);
        }
        openKeys[open] = k;
        openHashes[open] = h;
        open++;
    }

    private void array(int depth) throws Refused {
        nest(depth);
        int a = add(ARRAY, pos++);
        if (peekAfterSpace() == ']') {
            pos++;
        } else {
            while (true) {
                value(depth + 1);
                if (closedBy(']')) {
                    break;
                }
            }
        }
        close(a, pos);
    }

    /** After a member or an element: true at the container's {@code end}, false at a comma, refused at anything else. */
    private boolean closedBy(char end) throws Refused {
        char c = peekAfterSpace();
        pos++;
        if (c == end) {
            return true;
        }
        if (c != ',') {
            throw REFUSED;
        }
        return false;
    }

    /** The 256th open container is refused, as by {@link Json#parse}: one limit, {@link Json#MAX_DEPTH}. */
    private static void nest(int depth) throws Refused {
        if (depth >= Json.MAX_DEPTH) {
            throw REFUSED;
        }
    }

    private char peekAfterSpace() throws Refused {
        if (skipSpace() >= s.length()) {
            throw REFUSED;
        }
        return s.charAt(pos);
    }

    /** {@link String#hashCode()} of the last name scanned by {@code string(true)} (unescaped text only). */
    private int keyHash;

    /** A string token; for a member name ({@code key}) its hash is made in the same pass. */
    private void string(boolean key) throws Refused {
        int n = add(STRING, pos + 1);
        int len = s.length();
        int i = pos + 1;
        int h = 0;
        while (true) {
            if (i >= len) {
                throw REFUSED;
            }
            char c = s.charAt(i);
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw REFUSED;
            }
            if (key) {
                h = 31 * h + c; // String.hashCode, for names only
            }
            if (c == '\\') {
                nodes[4 * n] |= ESCAPED;
                if (++i >= len) {
                    throw REFUSED;
                }
                switch (s.charAt(i)) {
                    case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> { }
                    case 'u' -> {
                        if (i + 4 >= len) {
                            throw REFUSED;
                        }
                        for (int d = 1; d <= 4; d++) {
                            if (Character.digit(s.charAt(i + d), 16) < 0) {
                                throw REFUSED;
                            }
                        }
                        i += 4;
                    }
                    default -> throw REFUSED;
                }
            }
            i++;
        }
        close(n, i);
        pos = i + 1;
        keyHash = h;
    }

    private void literal(String word, int kind) throws Refused {
        if (!s.startsWith(word, pos)) {
            throw REFUSED;
        }
        int n = add(kind, pos);
        pos += word.length();
        close(n, pos);
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} */
    private void number() throws Refused {
        int from = pos;
        if (at('-')) {
            pos++;
        }
        if (at('0')) {
            pos++;
        } else if (digits() == 0) {
            throw REFUSED;
        }
        if (at('.')) {
            pos++;
            if (digits() == 0) {
                throw REFUSED;
            }
        }
        if (at('e') || at('E')) {
            pos++;
            if (at('+') || at('-')) {
                pos++;
            }
            if (digits() == 0) {
                throw REFUSED;
            }
        }
        int n = add(NUMBER, from);
        close(n, pos);
    }

    private boolean at(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    private int digits() {
        int from = pos;
        while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
            pos++;
        }
        return pos - from;
    }

    private String unescape(int from, int to) {
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s, i + 1, i + 5, 16));
                    i += 4;
                }
                default -> b.append(e);
            }
        }
        return b.toString();
    }
}
