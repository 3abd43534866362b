package app.pompier.qualification;

import app.pompier.language.Languages;
import app.pompier.language.Phrase;
import app.pompier.language.Words;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * What the ticket keeps in writing (its priority's reason, its timeline) is written in English, as the logs are, from
 * the same phrases people read in their own language at the Slack edge: one wording, in the language files.
 */
final class InEnglish {
    /** Only messages are said in English here: no moment, so the zone and the clock do not matter. */
    static final Words WORDS = Languages.only(Languages.ENGLISH, ZoneOffset.UTC, Clock.systemUTC()).team();

    private InEnglish() {
    }

    static String say(Phrase phrase) {
        return WORDS.say(phrase);
    }
}
