package app.pompier;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The business areas are plain Java: Slack, HTTP, SQL, the libraries behind them and the configuration stay at
 * the edges; and the Slack and HTTP edges reach the store only through the domain's ports.
 */
class DomainIsFrameworkFreeTest {
    static final Path MAIN = Path.of("src/main/java/app/pompier");
    static final List<String> DOMAIN = List.of("ticket", "qualification", "sla", "crisis", "ops", "outage");
    /** Each area's Slack side ({@code ticket/slack/}…), an edge like {@code slack/} itself. */
    static final List<String> SLACK_SIDES = Stream.concat(DOMAIN.stream(), Stream.of("leads"))
            .map(area -> "app.pompier." + area + ".slack").toList();
    static final List<String> FRAMEWORKS = Stream.concat(SLACK_SIDES.stream(), Stream.of("com.slack", "io.javalin",
            "org.jdbi", "com.fasterxml", "java.sql", "org.flywaydb", "okhttp3", "org.slf4j", "net.fortuna", "com.github.kagkarlsson",
            "de.focus_shift", "com.zaxxer", "app.pompier.Config", "app.pompier.slack", "app.pompier.store",
            "app.pompier.http")).toList();
    static final List<String> EDGES = List.of("slack", "http");
    static final List<String> STORE = List.of("app.pompier.store");

    @Test
    void domain_packages_name_no_framework_no_edge_and_no_configuration() {
        assertEquals(List.of(), offences(DOMAIN, FRAMEWORKS));
    }

    @Test
    void slack_and_http_reach_the_store_only_through_the_domain() {
        assertEquals(List.of(), offences(EDGES, STORE));
    }

    @Test
    void a_name_is_caught_in_an_import_and_written_out_in_code_but_not_in_a_comment_or_a_longer_name() {
        List<String> code = List.of(
                "import org.slf4j.Logger;",
                "    private final net.fortuna.ical4j.model.Calendar calendar;",
                "        var c = app.pompier.Config.load(env);",
                "    // org.jdbi is what the store uses",
                "     * see com.zaxxer.hikari for the pool",
                "        throw new app.pompier.ConfigException(List.of());");
        assertEquals(List.of("import org.slf4j.Logger;", "    private final net.fortuna.ical4j.model.Calendar calendar;",
                "        var c = app.pompier.Config.load(env);"), named(code, FRAMEWORKS));
    }

    /** Each line of the packages' code that names one of {@code forbidden}, with its file. */
    static List<String> offences(List<String> packages, List<String> forbidden) {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> packages.contains(area(MAIN.relativize(f))))
                    .flatMap(f -> named(lines(f), forbidden).stream().map(l -> MAIN.relativize(f) + ": " + l.strip()))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The package a file counts for: an area's {@code slack} sub-package is the Slack edge of that area, so it counts
     * as {@code slack}, not as the area's plain-Java domain.
     */
    static String area(Path relative) {
        return relative.getNameCount() > 2 && relative.getName(1).toString().equals("slack") ? "slack"
                : relative.getName(0).toString();
    }

    /** The lines of code (comments left out) that name a forbidden package or class, whole names only. */
    static List<String> named(List<String> lines, List<String> forbidden) {
        List<Pattern> patterns = forbidden.stream().map(n -> Pattern.compile(Pattern.quote(n) + "\\b")).toList();
        List<String> found = new ArrayList<>();
        boolean inComment = false;
        for (String line : lines) {
            String code = line.strip();
            if (inComment) {
                inComment = !code.contains("*/");
                continue;
            }
            if (code.startsWith("/*")) {
                inComment = !code.contains("*/");
                continue;
            }
            if (code.startsWith("*") || code.startsWith("//")) {
                continue;
            }
            if (patterns.stream().anyMatch(p -> p.matcher(code).find())) {
                found.add(line);
            }
        }
        return found;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
