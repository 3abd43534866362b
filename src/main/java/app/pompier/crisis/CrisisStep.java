package app.pompier.crisis;

import java.util.Locale;

/** The steps of opening a crisis cell, in order; each is recorded so an interrupted opening resumes. */
public enum CrisisStep {
    CREATE_CHANNEL("create the channel"),
    INVITE("invite the people"),
    TOPIC("set the topic"),
    SUMMARY("post the summary"),
    PIN("pin the summary"),
    BOOKMARK("bookmark the original report"),
    LINK_IN_THREAD("link the cell in the ticket's thread");

    private final String words;

    CrisisStep(String words) {
        this.words = words;
    }

    /** The step in the operators' words, for the logs; people read it in their language ({@code crisis.step}). */
    public String words() {
        return words;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CrisisStep fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
