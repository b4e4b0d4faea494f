package dev.agentkanban.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * JSON types of the fields a client reads (client protocol 10: with {@code -o json} names and
 * types are contract). Every named field must be present with the stated type; a failure names
 * the field's pointer and shows the object.
 */
public final class Shape {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private final JsonNode node;
    private final String where;

    private Shape(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    public static Shape of(JsonNode node) {
        return new Shape(node, "");
    }

    public JsonNode node() {
        return node;
    }

    /** The value at a JSON pointer below this one, which must exist. */
    public Shape at(String pointer) {
        JsonNode child = node.at(pointer);
        assertThat(child.isMissingNode()).as("%s%s present in %s", where, pointer, node).isFalse();
        return new Shape(child, where + pointer);
    }

    public Shape strings(String... fields) {
        return check("a string", JsonNode::isTextual, fields);
    }

    public Shape stringsOrNull(String... fields) {
        return check("a string or null", v -> v.isTextual() || v.isNull(), fields);
    }

    /** Whole numbers (counts, {@code seq}, {@code builtin}, token sums). */
    public Shape integers(String... fields) {
        return check("an integer", JsonNode::isIntegralNumber, fields);
    }

    public Shape booleans(String... fields) {
        return check("a boolean", JsonNode::isBoolean, fields);
    }

    public Shape arrays(String... fields) {
        return check("an array", JsonNode::isArray, fields);
    }

    public Shape arraysOrNull(String... fields) {
        return check("an array or null", v -> v.isArray() || v.isNull(), fields);
    }

    public Shape objects(String... fields) {
        return check("an object", JsonNode::isObject, fields);
    }

    public Shape nulls(String... fields) {
        return check("null", JsonNode::isNull, fields);
    }

    /** ISO-8601 UTC with milliseconds (24 characters), which the client parses and compares as text. */
    public Shape timestamps(String... fields) {
        return check("a 24-char UTC timestamp", v -> v.isTextual() && v.asText().matches(TIMESTAMP), fields);
    }

    public Shape timestampsOrNull(String... fields) {
        return check("a timestamp or null", v -> v.isNull() || v.isTextual() && v.asText().matches(TIMESTAMP),
                fields);
    }

    /** This node is a non-empty array; runs the checks on every element. */
    public Shape each(Consumer<Shape> checks) {
        assertThat(node.isArray()).as("%s is an array: %s", where, node).isTrue();
        assertThat(node.size()).as("%s has elements", where).isPositive();
        for (int i = 0; i < node.size(); i++) {
            checks.accept(new Shape(node.get(i), where + "/" + i));
        }
        return this;
    }

    /**
     * A field's value and JSON type at once: a String must be a JSON string, a Boolean a boolean,
     * an Integer or Long a whole number, null a JSON null.
     */
    public Shape is(String field, Object expected) {
        if (expected == null) {
            return nulls(field);
        }
        if (expected instanceof String) {
            strings(field);
            assertThat(node.get(field).asText()).as("%s/%s", where, field).isEqualTo(expected);
        } else if (expected instanceof Boolean) {
            booleans(field);
            assertThat(node.get(field).asBoolean()).as("%s/%s", where, field).isEqualTo(expected);
        } else if (expected instanceof Integer || expected instanceof Long) {
            integers(field);
            assertThat(node.get(field).asLong()).as("%s/%s", where, field).isEqualTo(((Number) expected).longValue());
        } else {
            throw new IllegalArgumentException("compare " + expected.getClass() + " another way");
        }
        return this;
    }

    /** The element of this array whose {@code field} is the string {@code value}. */
    public Shape find(String field, String value) {
        assertThat(node.isArray()).as("%s is an array: %s", where, node).isTrue();
        for (int i = 0; i < node.size(); i++) {
            if (value.equals(node.get(i).path(field).asText(null))) {
                return new Shape(node.get(i), where + "/" + i);
            }
        }
        throw new AssertionError(where + " has no element with " + field + " = " + value + ": " + node);
    }

    /** The text of a string field (asserting it is one). */
    public String text(String field) {
        strings(field);
        return node.get(field).asText();
    }

    private Shape check(String type, Predicate<JsonNode> test, String... fields) {
        assertThat(node.isObject()).as("%s is an object: %s", where, node).isTrue();
        for (String field : fields) {
            JsonNode value = node.get(field);
            assertThat(value).as("%s/%s present in %s", where, field, node).isNotNull();
            assertThat(test.test(value)).as("%s/%s is %s in %s", where, field, type, node).isTrue();
        }
        return this;
    }
}
