package io.xrun.loader.image;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed access to parsed JSON ({@link JsonReader}) with one-line errors naming the field, and
 * the little JSON writing the cache needs. Each getter says what it expected when the document
 * has something else, so a hand-edited or hostile manifest fails with a message, not a
 * ClassCastException.
 */
final class Json {
    private Json() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object v, String what) throws CorruptInputException {
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new CorruptInputException(what + " is not a JSON object");
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(Object v, String what) throws CorruptInputException {
        if (v instanceof List) {
            return (List<Object>) v;
        }
        throw new CorruptInputException(what + " is not a JSON array");
    }

    /** An optional string member: null when absent or JSON null. */
    static String string(Map<String, Object> o, String key, String what) throws CorruptInputException {
        Object v = o.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new CorruptInputException(what + "." + key + " is not a string");
    }

    static String requiredString(Map<String, Object> o, String key, String what) throws CorruptInputException {
        String v = string(o, key, what);
        if (v == null) {
            throw new CorruptInputException(what + " has no \"" + key + "\"");
        }
        return v;
    }

    /** An optional list of strings: empty when absent or JSON null. */
    static List<String> strings(Map<String, Object> o, String key, String what) throws CorruptInputException {
        Object v = o.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (Object e : array(v, what + "." + key)) {
            if (!(e instanceof String)) {
                throw new CorruptInputException(what + "." + key + " holds a non-string");
            }
            out.add((String) e);
        }
        return out;
    }

    /** An optional non-negative integer member; -1 when absent. */
    static long size(Map<String, Object> o, String key, String what) throws CorruptInputException {
        Object v = o.get(key);
        if (v == null) {
            return -1;
        }
        try {
            long n = ((BigDecimal) v).longValueExact();
            if (n >= 0) {
                return n;
            }
        } catch (ClassCastException | ArithmeticException e) {
            // reported below
        }
        throw new CorruptInputException(what + "." + key + " is not a non-negative integer");
    }

    /** Appends s as a JSON string literal. */
    static StringBuilder quote(StringBuilder b, String s) {
        if (s == null) {
            return b.append("null");
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }

    static StringBuilder quote(StringBuilder b, List<String> l) {
        b.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            quote(b, l.get(i));
        }
        return b.append(']');
    }
}
