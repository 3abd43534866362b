package app.pompier.qualification;

import app.pompier.language.Phrase;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether support can start reproducing: the steps, where in the application, and the exact error
 * or a screenshot. "I can't create a contact" alone is not enough to start an investigation.
 */
public final class Completeness {
    private Completeness() {
    }

    /** What a report can lack, each said in words the reporter can act on. */
    public enum Missing {
        STEPS("qualification.missing.steps"),
        LOCATION("qualification.missing.location"),
        ERROR("qualification.missing.error");

        private final String key;

        Missing(String key) {
            this.key = key;
        }

        public Phrase phrase() {
            return Phrase.of(key);
        }
    }

    /** What is missing; empty when the report is complete. */
    public static List<Missing> lacking(Answers answers) {
        List<Missing> missing = new ArrayList<>();
        if (!Answers.given(answers.steps())) {
            missing.add(Missing.STEPS);
        }
        if (!Answers.given(answers.location())) {
            missing.add(Missing.LOCATION);
        }
        if (!Answers.given(answers.errorMessage()) && answers.screenshots().isEmpty()) {
            missing.add(Missing.ERROR);
        }
        return missing;
    }

    /**
     * What is missing, in English, as the timeline keeps it; a reader's language says {@link #lacking} instead
     * ({@code words.say(missing.phrase())}).
     */
    public static List<String> missing(Answers answers) {
        return lacking(answers).stream().map(m -> InEnglish.say(m.phrase())).toList();
    }
}
