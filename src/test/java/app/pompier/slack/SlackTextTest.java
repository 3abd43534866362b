package app.pompier.slack;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
