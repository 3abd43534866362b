package app.pompier.slack;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackTextTest {
    @Test
    void slack_entities_decode_to_what_was_typed_and_escape_back() {
        String slack = "a &lt; b &amp;&amp; c &gt; d <!channel>";
        String plain = SlackText.plain(slack);
        assertEquals("a < b && c > d <!channel>", plain);
        assertEquals("a &lt; b &amp;&amp; c &gt; d &lt;!channel&gt;", SlackText.escape(plain));
    }

    @Test
    void an_excerpt_cuts_on_a_word_with_an_ellipsis() {
        assertEquals("la recherche ne…", SlackText.excerpt("la recherche ne répond plus", 16));
        assertEquals("la recherche…", SlackText.excerpt("la recherche ne répond plus", 15));
        assertEquals("court", SlackText.excerpt("  court ", 16));
    }

    @Test
    void pompiers_own_mention_is_removed_from_a_report() {
        assertEquals("le portail est lent", SlackText.withoutMention("<@UBOT> le portail est lent", "UBOT"));
    }

    @Test
    void only_slack_user_ids_become_mentions() {
        assertEquals("<@U0123AB>", Mention.of("U0123AB"));
        assertEquals("&lt;!here&gt;", Mention.of("<!here>"));
    }

    @Test
    void a_cut_prefers_the_end_of_a_line_to_a_word() {
        String trace = "java.lang.IllegalStateException: boom\n\tat app.Foo.bar(Foo.java:42)\n\tat app.Foo.main(Foo.java:7)";
        assertEquals("java.lang.IllegalStateException: boom\n\tat app.Foo.bar(Foo.java:42)…", SlackText.fit(trace, 70));
    }

    @Test
    void an_escaped_text_is_cut_so_that_the_escaped_text_fits_and_no_escape_is_broken() {
        String escaped = SlackText.escapedExcerpt("a<b&c>d".repeat(50), 40);
        assertTrue(escaped.length() <= 40, escaped);
        assertTrue(escaped.endsWith("…"), escaped);
        String kept = escaped.substring(0, escaped.length() - 1);
        assertEquals(kept, SlackText.escape(SlackText.plain(kept)), "every escape whole: " + kept);
    }

    @Test
    void a_cut_never_splits_a_link_a_mention_or_an_emoji() {
        String link = "voir <https://example.slack.com/archives/C1/p1|le message d'origine> merci";
        String cut = SlackText.fit(link, 30);
        assertEquals("voir…", cut);
        String emoji = "🔥".repeat(20);
        String excerpt = SlackText.excerpt(emoji, 10);
        assertTrue(excerpt.length() <= 10);
        assertFalse(Character.isHighSurrogate(excerpt.charAt(excerpt.length() - 2)), excerpt);
        assertEquals("🔥🔥🔥🔥…", excerpt);
    }

    @Test
    void a_code_block_cut_short_is_closed() {
        String fit = SlackText.fit("```\n" + "at x.y.Z(Z.java:1)\n".repeat(20) + "```", 60);
        assertTrue(fit.length() <= 60, fit);
        assertTrue(fit.endsWith("…```"), fit);
    }

    @Test
    void a_text_split_in_pieces_gives_the_whole_back_each_piece_within_the_limit() {
        StringBuilder trace = new StringBuilder("```");
        for (int i = 0; i < 400; i++) {
            trace.append("\tat app.pompier.Foo.bar").append(i).append("(Foo.java:").append(i).append(") &lt;init&gt;\n");
        }
        trace.append("```");
        List<String> pieces = SlackText.split(trace.toString(), 3000);
        assertTrue(pieces.size() > 5);
        StringBuilder joined = new StringBuilder();
        for (String piece : pieces) {
            assertTrue(piece.length() <= 3000);
            assertTrue(piece.startsWith("```") && piece.endsWith("```"), "each piece a closed code block");
            joined.append(piece, 3, piece.length() - 3).append('\n');
        }
        assertEquals(trace.substring(3, trace.length() - 3).strip(), joined.toString().strip());
    }
}
