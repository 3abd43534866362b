package app.pompier;

import java.util.List;

/** Pompier cannot start with this configuration; the message lists every problem and how to fix it. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("Pompier cannot start, the configuration has "
                + (problems.size() == 1 ? "1 problem" : problems.size() + " problems") + ":\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
