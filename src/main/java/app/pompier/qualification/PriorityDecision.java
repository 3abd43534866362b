package app.pompier.qualification;

import app.pompier.language.Phrase;
import app.pompier.language.Words;
import app.pompier.ticket.Priority;

/**
 * A priority and why, as a phrase each reader reads in their language: "P1: 'log in' unusable for all customers, no
 * workaround".
 *
 * @param note what widened the policy's reading, said after the reason: "(2 people reported it; answered: one user)";
 *             null when nothing did
 */
public record PriorityDecision(Priority priority, Phrase why, Phrase note) {
    public PriorityDecision(Priority priority, Phrase why) {
        this(priority, why, null);
    }

    /** The reason in {@code words}' language. */
    public String reason(Words words) {
        return note == null ? words.say(why) : words.say(why) + " " + words.say(note);
    }

    /** The reason as the ticket and its timeline keep it, in English. */
    public String reason() {
        return reason(InEnglish.WORDS);
    }

    /** The same decision, with what widened it. */
    PriorityDecision noting(Phrase widened) {
        return new PriorityDecision(priority, why, widened);
    }
}
