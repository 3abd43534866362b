package app.pompier.ticket;

import app.pompier.language.Languages;
import app.pompier.language.Phrase;
import app.pompier.language.Words;

import java.time.Clock;
import java.time.ZoneOffset;

/**
 * The English of a phrase, for the few callers that still show a ticket's words without knowing who reads them
 * (the older {@code reason()} and {@code label()} accessors). Whatever reaches a person should say the phrase in
 * that person's or that channel's language instead ({@code languages.person(…).say(refused.why())}); this only
 * keeps those callers as they were until they do.
 */
public final class InEnglish {
    private static final Words ENGLISH = Languages.only(Languages.ENGLISH, ZoneOffset.UTC, Clock.systemUTC()).team();

    private InEnglish() {
    }

    public static Words words() {
        return ENGLISH;
    }

    public static String say(Phrase phrase) {
        return ENGLISH.say(phrase);
    }
}
