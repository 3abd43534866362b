package app.pompier.language;

import com.ibm.icu.text.MessagePattern;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every language Pompier speaks says everything English says, with the same named arguments. */
class LanguageFilesTest {
    static final Path WORDS = Path.of("src/main/resources/words");

    static List<String> languages() throws IOException {
        try (Stream<Path> files = Files.list(WORDS)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("pompier_[a-z]{2,3}\\.properties"))
                    .map(n -> n.substring("pompier_".length(), n.length() - ".properties".length())).sorted().toList();
        }
    }

    @Test
    void pompier_speaks_french_and_english() throws IOException {
        assertTrue(languages().containsAll(List.of("en", "fr")), languages().toString());
    }

    @Test
    void every_language_has_every_key_of_english_and_no_other() throws IOException {
        Set<String> english = Languages.read("en").keySet();
        List<String> problems = new ArrayList<>();
        for (String code : languages()) {
            Set<String> keys = Languages.read(code).keySet();
            new TreeSet<>(english).stream().filter(k -> !keys.contains(k))
                    .forEach(k -> problems.add(code + " lacks " + k));
            new TreeSet<>(keys).stream().filter(k -> !english.contains(k))
                    .forEach(k -> problems.add(code + " has " + k + ", which English lacks"));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void every_message_names_the_same_arguments_in_every_language() throws IOException {
        Map<String, String> english = Languages.read("en");
        List<String> problems = new ArrayList<>();
        for (String code : languages()) {
            Map<String, String> messages = Languages.read(code);
            for (Map.Entry<String, String> m : new java.util.TreeMap<>(messages).entrySet()) {
                if (m.getKey().startsWith("format.") && !m.getKey().equals("format.span")) {
                    continue;
                }
                String theirs = english.get(m.getKey());
                if (theirs != null && !arguments(m.getValue()).equals(arguments(theirs))) {
                    problems.add(code + " " + m.getKey() + " names " + arguments(m.getValue()) + ", English "
                            + arguments(theirs));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void a_missing_argument_or_a_misspelt_one_is_caught() {
        assertEquals(Set.of("ticket", "count"), arguments("{ticket}: {count, plural, one {# report} other {# reports}}"));
        assertEquals(Set.of("who"), arguments("pris par {who} ’ici’"));
    }

    /** The argument names a message pattern uses (plural and select arguments included), parsed as ICU does. */
    static Set<String> arguments(String pattern) {
        MessagePattern parsed = new MessagePattern(pattern);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < parsed.countParts(); i++) {
            MessagePattern.Part part = parsed.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NAME) {
                names.add(parsed.getSubstring(part));
            }
        }
        return names;
    }
}
