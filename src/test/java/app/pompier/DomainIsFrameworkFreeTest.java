package app.pompier;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The business areas are plain Java: Slack, HTTP and SQL stay at the edges. */
class DomainIsFrameworkFreeTest {
    static final List<String> DOMAIN = List.of("ticket", "qualification", "sla", "crisis", "ops");
    static final List<String> FORBIDDEN = List.of("com.slack", "io.javalin", "org.jdbi", "com.fasterxml",
            "java.sql", "org.flywaydb", "okhttp3", "app.pompier.slack", "app.pompier.store", "app.pompier.http");

    @Test
    void domain_packages_import_no_framework_and_no_edge() throws IOException {
        Path main = Path.of("src/main/java/app/pompier");
        List<String> offences;
        try (Stream<Path> files = Files.walk(main)) {
            offences = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> DOMAIN.contains(main.relativize(f).getName(0).toString()))
                    .flatMap(f -> lines(f).stream()
                            .filter(l -> l.startsWith("import "))
                            .filter(l -> FORBIDDEN.stream().anyMatch(l::contains))
                            .map(l -> main.relativize(f) + ": " + l))
                    .toList();
        }
        assertEquals(List.of(), offences);
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
