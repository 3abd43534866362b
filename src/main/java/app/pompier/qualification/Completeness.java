package app.pompier.qualification;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether support can start reproducing: the steps, where in the application, and the exact error
 * or a screenshot. "I can't create a contact" alone is not enough to start an investigation.
 */
public final class Completeness {
    private Completeness() {
    }

    /** What is missing, in words the reporter can act on; empty when the report is complete. */
    public static List<String> missing(Answers answers) {
        List<String> missing = new ArrayList<>();
        if (!Answers.given(answers.steps())) {
            missing.add("the steps to reproduce it (which buttons you click, in order)");
        }
        if (!Answers.given(answers.location())) {
            missing.add("where you are in the application (module, page or URL)");
        }
        if (!Answers.given(answers.errorMessage()) && answers.screenshots().isEmpty()) {
            missing.add("the exact error message, or a screenshot");
        }
        return missing;
    }
}
