package io.opencmq.protocol.cmq.request;

import io.opencmq.protocol.cmq.CmqErrors;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoded parameters of one CMQ request, with typed accessors that refuse bad input with
 * the matching CMQ error: missing (4000/10390), not an integer (4000/10360), out of range
 * (4000/10350), array too long (4000/10370) or with gaps (4000/10380), repeated (4000/10330).
 *
 * <p>A POST takes its parameters from the form body and the query string together; a GET from
 * the query string. A name given twice is refused rather than resolved, since the client's
 * signature covers only one value per name. Values are kept exactly as decoded: the signature
 * is computed over them. Message bodies can be read as UTF-8 bytes ({@link #getBytes},
 * {@link #requiredArrayBytes}) without ever becoming a String.
 *
 * <p>Array parameters ({@code name.n}) are grouped by name in one pass over all parameters,
 * the first time an array is asked for, instead of one pass per array.
 *
 * <p>Immutable once parsed (the lazily built forms aside); not shared between requests.
 */
public final class CmqParams {

    /** Integer parameters are at most 19 digits long; more cannot be a long anyway. */
    private static final int MAX_INTEGER_DIGITS = 19;

    private final Map<String, FormValue> values;
    /** {@link #values} as Strings, made on first use of {@link #all()}. */
    private Map<String, String> texts;
    /** Every {@code name.rest} entry, by name (up to the first '.'); made on first use. */
    private Map<String, List<Map.Entry<String, FormValue>>> dotted;

    private CmqParams(Map<String, FormValue> values) {
        this.values = values;
    }

    /** Decodes the query (always) and the form body (POST only). */
    public static CmqParams parse(String method, String rawQuery, byte[] body) {
        Map<String, FormValue> values = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            byte[] query = rawQuery.getBytes(StandardCharsets.UTF_8);
            FormDecoder.decode(query, query.length, "query string", (k, v) -> put(values, k, v));
        }
        if ("POST".equals(method) && body != null && body.length > 0) {
            FormDecoder.decode(body, body.length, "request body", (k, v) -> put(values, k, v));
        }
        return new CmqParams(values);
    }

    /** Parameters given directly, e.g. by tests; no decoding. */
    public static CmqParams of(Map<String, String> values) {
        Map<String, FormValue> copy = new HashMap<>();
        values.forEach((k, v) -> copy.put(k, FormValue.ofText(v)));
        return new CmqParams(copy);
    }

    private static void put(Map<String, FormValue> values, String key, FormValue value) {
        if (key.isEmpty()) {
            throw CmqErrors.keyFormat("(empty name)");
        }
        if (values.putIfAbsent(key, value) != null) {
            throw CmqErrors.notRepeatable(key);
        }
    }

    /** Every parameter by name, as decoded (what the signature is computed over). */
    public Map<String, String> all() {
        if (texts == null) {
            // Same iteration order as the values themselves.
            Map<String, String> t = new LinkedHashMap<>(values.size() * 2);
            values.forEach((k, v) -> t.put(k, v.text()));
            texts = Collections.unmodifiableMap(t);
        }
        return texts;
    }

    /** The value, or null when absent. */
    public String get(String name) {
        FormValue v = values.get(name);
        return v == null ? null : v.text();
    }

    /** The value as UTF-8 bytes (a message body), or null when absent. */
    public byte[] getBytes(String name) {
        FormValue v = values.get(name);
        return v == null ? null : v.utf8();
    }

    /** The value; absent or empty is refused as missing. */
    public String required(String name) {
        FormValue v = values.get(name);
        if (v == null || v.isEmpty()) {
            throw CmqErrors.missingParameter(name);
        }
        return v.text();
    }

    /** The value when present and non-empty, else null. */
    public String optional(String name) {
        FormValue v = values.get(name);
        return v == null || v.isEmpty() ? null : v.text();
    }

    public long requiredLong(String name, long min, long max) {
        return inRange(name, parseLong(name, required(name)), min, max);
    }

    /** An integer in {@code [min, max]}, or null when absent or empty. */
    public Long optionalLong(String name, long min, long max) {
        String v = optional(name);
        return v == null ? null : inRange(name, parseLong(name, v), min, max);
    }

    public int requiredInt(String name, int min, int max) {
        return (int) requiredLong(name, min, max);
    }

    /** An integer in {@code [min, max]}, or null when absent or empty. */
    public Integer optionalInt(String name, int min, int max) {
        Long v = optionalLong(name, min, max);
        return v == null ? null : v.intValue();
    }

    /** Like {@link #optionalInt(String, int, int)} with a default for absent. */
    public int optionalInt(String name, int min, int max, int defaultValue) {
        Integer v = optionalInt(name, min, max);
        return v == null ? defaultValue : v;
    }

    /**
     * The values of an array parameter {@code name.n}, in index order. Indexes must be
     * contiguous and start at 0 or 1; between 1 and {@code maxSize} entries.
     */
    public List<String> requiredArray(String name, int maxSize) {
        List<FormValue> array = array(name, maxSize);
        List<String> result = new ArrayList<>(array.size());
        for (FormValue v : array) {
            result.add(v.text());
        }
        return result;
    }

    /** Like {@link #requiredArray}, the values as UTF-8 bytes (message bodies). */
    public List<byte[]> requiredArrayBytes(String name, int maxSize) {
        List<FormValue> array = array(name, maxSize);
        List<byte[]> result = new ArrayList<>(array.size());
        for (FormValue v : array) {
            result.add(v.utf8());
        }
        return result;
    }

    /** How many parameters are named {@code name.<anything>}, whether valid array entries or not. */
    public int countArrayEntries(String name) {
        return entriesOf(name).size();
    }

    private List<FormValue> array(String name, int maxSize) {
        String prefix = name + ".";
        List<Map.Entry<String, FormValue>> candidates = entriesOf(name);
        List<IndexedValue> entries = new ArrayList<>(candidates.size());
        for (Map.Entry<String, FormValue> e : candidates) {
            entries.add(new IndexedValue(index(e.getKey(), prefix.length(), name), e.getValue()));
        }
        if (entries.isEmpty()) {
            throw CmqErrors.missingParameter(name + ".n");
        }
        if (entries.size() > maxSize) {
            throw CmqErrors.batchSizeOutOfRange(name, maxSize);
        }
        IndexedValue[] sorted = entries.toArray(new IndexedValue[0]);
        Arrays.sort(sorted, (a, b) -> Long.compare(a.index, b.index));
        long first = sorted[0].index;
        if (first != 0 && first != 1) {
            throw CmqErrors.notConsecutive(name);
        }
        List<FormValue> result = new ArrayList<>(sorted.length);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i].index != first + i) {
                throw CmqErrors.notConsecutive(name);
            }
            result.add(sorted[i].value);
        }
        return result;
    }

    /**
     * The parameters whose names start with {@code name + "."}, in the iteration order of all
     * parameters (so that the first bad key reported is the one a full scan would meet first).
     * Grouping by the text before the first '.' finds exactly those because array names
     * ({@code msgBody}, {@code msgTag}, ...) contain no '.'.
     */
    private List<Map.Entry<String, FormValue>> entriesOf(String name) {
        if (dotted == null) {
            Map<String, List<Map.Entry<String, FormValue>>> byName = new HashMap<>();
            for (Map.Entry<String, FormValue> e : values.entrySet()) {
                int dot = e.getKey().indexOf('.');
                if (dot >= 0) {
                    byName.computeIfAbsent(e.getKey().substring(0, dot), k -> new ArrayList<>(4)).add(e);
                }
            }
            dotted = byName;
        }
        if (name.indexOf('.') >= 0) {
            throw new IllegalArgumentException("array names have no '.': " + name);
        }
        return dotted.getOrDefault(name, List.of());
    }

    private record IndexedValue(long index, FormValue value) {
    }

    /** The decimal index after the prefix; huge indexes are simply far from contiguous. */
    private static long index(String key, int from, String name) {
        int length = key.length() - from;
        if (length == 0 || length > MAX_INTEGER_DIGITS - 1) {
            throw length == 0 ? CmqErrors.keyFormat(key) : CmqErrors.notConsecutive(name);
        }
        long index = 0;
        for (int i = from; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                throw CmqErrors.keyFormat(key);
            }
            index = index * 10 + (c - '0');
        }
        return index;
    }

    /**
     * Parses an optionally signed decimal integer without exceptions: anything else is a type
     * error, a well-formed integer beyond the range of long is out of range.
     */
    static long parseLong(String name, String text) {
        int i = 0;
        boolean negative = false;
        if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
            negative = text.charAt(0) == '-';
            i = 1;
        }
        if (i == text.length()) {
            throw CmqErrors.wrongType(name);
        }
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c < '0' || c > '9') {
                throw CmqErrors.wrongType(name);
            }
        }
        while (i < text.length() - 1 && text.charAt(i) == '0') {
            i++;
        }
        if (text.length() - i > MAX_INTEGER_DIGITS) {
            throw CmqErrors.outOfRange(name);
        }
        // Accumulate negatively: Long.MIN_VALUE has no positive counterpart.
        long value = 0;
        for (int j = i; j < text.length(); j++) {
            int digit = text.charAt(j) - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw CmqErrors.outOfRange(name);
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw CmqErrors.outOfRange(name);
            }
            value = -value;
        }
        return value;
    }

    private static long inRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw CmqErrors.outOfRange(name);
        }
        return value;
    }
}
