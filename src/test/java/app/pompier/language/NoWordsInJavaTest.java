package app.pompier.language;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What people read is in the language files, not in Java: the code that speaks Slack (every {@code slack/} package)
 * holds no string literal that reads like words, outside log lines and exceptions meant for whoever runs Pompier.
 */
class NoWordsInJavaTest {
    static final Path MAIN = Path.of("src/main/java/app/pompier");
    static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Two words, or one capitalised word: "Take it", "Cancel". Ids, keys and codes ("plain_text") do not match. */
    static final Pattern WORDS = Pattern.compile("\\p{L}{2,}[ ,;:!?’']+\\p{L}{2,}|^\\p{Lu}\\p{Ll}{2,}$");
    /** A name to type, in code font, is the same in every language: "`/ops collisions`". */
    static final Pattern TO_TYPE = Pattern.compile("^`[^`]+`$");
    /** Lines for whoever runs Pompier, not for people in Slack. */
    static final Pattern FOR_OPERATORS = Pattern.compile(
            "log\\.(trace|debug|info|warn|error)\\(|Exception\\(|Mismatch\\(|Refused\\(|Error\\(|\\.json\\(|\\.description\\(|thread\\.delete\\(|"
                    + "RetryLater<>\\(|"
                    + "// for operators$");
    /**
     * What speaks to whoever runs Pompier and never to people in Slack: the start-up checks, the HTTP endpoint's
     * answers to Slack itself, the Web API gateway's reasons for the logs.
     */
    static final List<String> OPERATORS_ONLY = List.of("SlackEndpoint.java", "SocketModeConnection.java",
            "SlackWorkspace.java", "SlackGateway.java", "SlackUnavailableException.java", "SlackPeopleLanguages.java");

    @Test
    void the_slack_side_of_every_area_says_nothing_from_java() throws IOException {
        assertEquals(List.of(), wordsIn(slackSides()));
    }

    @Test
    void words_are_caught_and_codes_logs_and_exceptions_are_not() {
        List<String> code = List.of(
                "        return \"Take it\";",
                "        .text(\"Cancel\")",
                "        .type(\"plain_text\").actionId(\"qualify_ticket\")",
                "        log.warn(\"could not post the card {}\", id);",
                "        String where = \"the thread \" + ts; // for operators",
                "        Thread t = new Thread(task, \"pompier-languages\");",
                "        throw new IllegalStateException(\"no ticket here\");",
                "        // \"a comment is not said\"",
                "        words.say(\"ticket.card.take\", \"ticket\", id)",
                "        hint(\"`/ops collisions`\")",
                "        return new ChatAnswer.RetryLater<>(\"the channel did not take it\");");
        assertEquals(List.of("return \"Take it\";", ".text(\"Cancel\")"), words(code));
    }

    static List<Path> slackSides() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.getParent().getFileName().toString().equals("slack"))
                    .filter(f -> !OPERATORS_ONLY.contains(f.getFileName().toString())).sorted().toList();
        }
    }

    static List<String> wordsIn(List<Path> files) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            for (String line : words(Files.readAllLines(f))) {
                found.add(MAIN.relativize(f) + ": " + line);
            }
        }
        return found;
    }

    /** The lines of code (comments, logs and exceptions left out) with a literal that reads like words. */
    static List<String> words(List<String> lines) {
        List<String> found = new ArrayList<>();
        boolean inComment = false;
        boolean forOperators = false;
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
            // A log call or an exception may run over several lines: its continuation lines are for operators too.
            if (FOR_OPERATORS.matcher(code).find()) {
                forOperators = !code.endsWith(";") && !code.endsWith("{");
                continue;
            }
            if (forOperators) {
                forOperators = !code.endsWith(";") && !code.endsWith("{");
                continue;
            }
            Matcher m = LITERAL.matcher(code);
            while (m.find()) {
                if (!TO_TYPE.matcher(m.group(1)).matches() && WORDS.matcher(m.group(1)).find()) {
                    found.add(code);
                    break;
                }
            }
        }
        return found;
    }
}
