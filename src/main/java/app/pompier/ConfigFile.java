package app.pompier;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Reads one section of the team's YAML file; every problem names the key, what was expected, and the file. */
final class ConfigFile {
    private final JsonNode node;
    private final String path;
    private final Path file;
    private final List<String> problems;

    ConfigFile(JsonNode node, String path, Path file, List<String> problems) {
        this.node = node;
        this.path = path;
        this.file = file;
        this.problems = problems;
    }

    /** A sub-section; a missing one reads as empty, a non-mapping one is a problem. */
    ConfigFile section(String key, Set<String> knownKeys) {
        JsonNode child = node.path(key);
        if (!child.isMissingNode() && !child.isNull() && !child.isObject()) {
            problem(key, "must be a mapping of " + String.join(", ", new TreeSet<>(knownKeys)));
            return new ConfigFile(com.fasterxml.jackson.databind.node.MissingNode.getInstance(), path + key + ".",
                    file, problems);
        }
        ConfigFile section = new ConfigFile(child, path + key + ".", file, problems);
        section.onlyKeys(knownKeys);
        return section;
    }

    /** The keys of a sub-mapping whose keys are the team's own names (components, ...). */
    Set<String> keysOf(String key) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        node.path(key).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    boolean isEmpty() {
        return node.isMissingNode() || node.isNull() || node.isEmpty();
    }

    void onlyKeys(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add("unknown key '" + path + key + "' in " + file + "; known keys here: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    Optional<String> text(String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            problem(key, "must be a single value");
            return Optional.empty();
        }
        return Optional.of(value.asText().trim());
    }

    boolean flag(String key, boolean fallback) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problem(key, "must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    /** A list of texts; a single text reads as a list of one. */
    Optional<List<String>> texts(String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        List<String> items = new ArrayList<>();
        if (value.isValueNode()) {
            items.add(value.asText().trim());
        } else if (value.isArray()) {
            value.forEach(v -> items.add(v.asText("").trim()));
        } else {
            problem(key, "must be a list, such as [a, b]");
            return Optional.empty();
        }
        return Optional.of(items);
    }

    /** A value read through {@code parse}; what it throws becomes a problem naming the allowed values. */
    <T> Optional<T> choice(String key, Function<String, T> parse, String allowed) {
        return text(key).flatMap(v -> {
            try {
                return Optional.of(parse.apply(v));
            } catch (IllegalArgumentException e) {
                problem(key, "is '" + v + "'; expected one of " + allowed);
                return Optional.empty();
            }
        });
    }

    void problem(String key, String what) {
        String where = key.isEmpty() ? path.substring(0, Math.max(0, path.length() - 1)) : path + key;
        problems.add(where + " in " + file + " " + what);
    }
}
