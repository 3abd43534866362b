package app.pompier.language;

import java.util.Arrays;
import java.util.List;

/**
 * Something to tell people, decided by a business area and said in each reader's language at the edge: a refusal
 * ({@code qualification.refused.not_support}), a reason, a line of a review. The arguments are named, in pairs.
 */
public record Phrase(String key, List<Object> arguments) {
    public Phrase {
        if (arguments.size() % 2 != 0) {
            throw new IllegalArgumentException(key + ": arguments come in pairs of a name and a value");
        }
        arguments = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments));
    }

    public static Phrase of(String key, Object... namedArguments) {
        return new Phrase(key, Arrays.asList(namedArguments));
    }
}
