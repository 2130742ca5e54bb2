package io.layerline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hostile request bodies for property-based tests: a valid body with one or more fields given wrong types, huge or
 * strange strings, deep nesting, removed or extra fields — and plain garbage that is not JSON at all.
 */
public final class JsonFuzz {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonFuzz() {
    }

    /** Mutations of {@code seed}, a valid JSON object, each with one to three changes. */
    public static Arbitrary<String> mutationsOf(String seed) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> paths = new ArrayList<>();
        collectPaths(parsed, "", paths);
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(paths), strangeValues(),
                Arbitraries.of(Kind.values())).as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(3).map(mutations -> {
            JsonNode copy = parsed.deepCopy();
            mutations.forEach(change -> change.applyTo(copy));
            return copy.toString();
        });
    }

    /** Bodies that are not what any endpoint takes: truncated, not JSON, arrays, scalars, deep nesting. */
    public static Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.of("", "{", "}", "[]", "null", "42", "\"text\"", "{\"a\":", "{'a': 1}", "{\"a\" 1}",
                        "\uFEFF{}", "{\"a\":\"\\ud800\"}"),
                Arbitraries.integers().between(1, 3000).map(depth -> "[".repeat(depth) + "]".repeat(depth)),
                Arbitraries.integers().between(1, 3000).map(depth -> "{\"a\":".repeat(depth) + "1"
                        + "}".repeat(depth)));
    }

    private enum Kind { REPLACE, REMOVE, ADD_SIBLING }

    private record Mutation(String path, JsonNode value, Kind kind) {

        void applyTo(JsonNode root) {
            String[] parts = path.split("/");
            JsonNode parent = root;
            for (int i = 1; i < parts.length - 1 && parent != null; i++) {
                parent = parent.isArray() ? (parts[i].matches("\\d+") ? parent.get(Integer.parseInt(parts[i]))
                        : null) : parent.get(parts[i]);
            }
            String last = parts[parts.length - 1];
            if (parent instanceof ArrayNode && !last.matches("\\d+")) {
                return;
            }
            if (parent instanceof ObjectNode object) {
                switch (kind) {
                    case REPLACE -> object.set(last, value);
                    case REMOVE -> object.remove(last);
                    default -> object.set(last + "Extra", value);
                }
            } else if (parent instanceof ArrayNode array && !last.isEmpty()) {
                int index = Integer.parseInt(last);
                if (kind == Kind.REMOVE && index < array.size()) {
                    array.remove(index);
                } else if (index < array.size()) {
                    array.set(index, value);
                } else {
                    array.add(value);
                }
            }
        }
    }

    private static Arbitrary<JsonNode> strangeValues() {
        return Arbitraries.oneOf(
                Arbitraries.just(NODES.nullNode()),
                Arbitraries.of(NODES.booleanNode(true), NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
                        NODES.numberNode(1.5e308), NODES.arrayNode(), NODES.objectNode(), NODES.textNode(""),
                        NODES.textNode(" "), NODES.textNode("sha256:" + "0".repeat(64)), NODES.textNode("../../etc"),
                        NODES.textNode("file:///etc/passwd"), NODES.textNode("'; DROP TABLE image; --"),
                        NODES.textNode("\u0000\u0007\u001b[31m"), NODES.textNode("ﬀ😀\u202Eevil"),
                        NODES.textNode("%s%n%x"), NODES.textNode("${jndi:ldap://x}")),
                Arbitraries.integers().between(1000, 200_000).map(length -> NODES.textNode("x".repeat(length))),
                Arbitraries.strings().all().ofMaxLength(50).map(NODES::textNode),
                Arbitraries.integers().between(1, 200).map(depth -> {
                    ArrayNode outer = NODES.arrayNode();
                    ArrayNode current = outer;
                    for (int i = 0; i < depth; i++) {
                        ArrayNode inner = NODES.arrayNode();
                        current.add(inner);
                        current = inner;
                    }
                    return outer;
                }));
    }

    private static void collectPaths(JsonNode node, String path, List<String> paths) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                paths.add(path + "/" + name);
                collectPaths(node.get(name), path + "/" + name, paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                paths.add(path + "/" + i);
                collectPaths(node.get(i), path + "/" + i, paths);
            }
        }
    }
}
