package app.pompier.qualification;

import app.pompier.ticket.Priority;

import java.util.List;

/**
 * What the qualification dialog asked and was told. Text fields are plain text, null or blank when
 * not given.
 *
 * @param screenshots Slack file ids of the screenshots attached
 * @param workaround  the workaround in the reporter's words; null when there is none
 * @param claimed     the priority the reporter claims; null when they claim none
 */
public record Answers(String steps, String location, String errorMessage, List<String> screenshots,
                      String environment, Reach reach, Impact impact, Reproducibility reproducibility,
                      String workaround, Priority claimed) {
    public Answers {
        screenshots = screenshots == null ? List.of() : List.copyOf(screenshots);
    }

    /** The same answers, with another reach. */
    public Answers withReach(Reach wider) {
        return new Answers(steps, location, errorMessage, screenshots, environment, wider, impact, reproducibility,
                workaround, claimed);
    }

    public boolean hasWorkaround() {
        return given(workaround);
    }

    static boolean given(String text) {
        return text != null && !text.isBlank();
    }
}
