package io.xrun.loader.image;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** RFC 8259 values, and the strictness that keeps two readers from disagreeing about a manifest. */
class JsonReaderTest {
    @Test
    void parsesAllValueKinds() throws Exception {
        Object v = JsonReader.parse(" {\"a\": [1, -2.5e3, true, false, null], \"s\": \"x\\n\\u00e9\\\"\\/\", \"o\": {}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(java.util.Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, null), m.get("a"));
        assertEquals("x\né\"/", m.get("s"));
        assertEquals(Map.of(), m.get("o"));
        assertEquals(List.of(), JsonReader.parse("[]"));
    }

    @Test
    void rejectsWhatLenientParsersAccept() {
        for (String bad : List.of("{\"a\":1,}", "[1,]", "{\"a\":1,\"a\":2}", "01", "\"tab\there\"", "{} x", "'x'",
                "{\"a\" 1}", "[", "\"\\x\"", "tru", "1.", "-", "{a:1}")) {
            CorruptInputException e = assertThrows(CorruptInputException.class, () -> JsonReader.parse(bad), bad);
            assertEquals(true, e.getMessage().startsWith("invalid JSON: "), e.getMessage());
        }
    }

    @Test
    void rejectsDeepNesting() {
        assertThrows(CorruptInputException.class, () -> JsonReader.parse("[".repeat(100) + "]".repeat(100)));
    }
}
