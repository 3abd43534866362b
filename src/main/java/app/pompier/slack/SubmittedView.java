package app.pompier.slack;

import com.slack.api.model.File;
import com.slack.api.model.view.ViewState;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The values of a submitted dialog, by block id. Every input of Pompier's dialogs has the action id
 * {@code value}; an empty or blank answer reads as null, so "not answered" has one form.
 */
public final class SubmittedView {
    public static final String VALUE = "value";

    private final Map<String, Map<String, ViewState.Value>> values;

    private SubmittedView(Map<String, Map<String, ViewState.Value>> values) {
        this.values = values;
    }

    public static SubmittedView of(ViewState state) {
        return new SubmittedView(state == null || state.getValues() == null ? Map.of() : state.getValues());
    }

    private ViewState.Value value(String block) {
        return values.getOrDefault(block, Map.of()).get(VALUE);
    }

    /** What was typed, stripped; null when nothing was. */
    public String text(String block) {
        ViewState.Value v = value(block);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue().strip();
    }

    /** The value of the option chosen (select, radio buttons); null when none was. */
    public String choice(String block) {
        ViewState.Value v = value(block);
        return v == null || v.getSelectedOption() == null ? null : v.getSelectedOption().getValue();
    }

    /** The values of the options chosen in a multi-select. */
    public List<String> choices(String block) {
        ViewState.Value v = value(block);
        return v == null || v.getSelectedOptions() == null ? List.of()
                : v.getSelectedOptions().stream().map(ViewState.SelectedOption::getValue).toList();
    }

    /** The date and time picked; null when none was. */
    public Instant dateTime(String block) {
        ViewState.Value v = value(block);
        return v == null || v.getSelectedDateTime() == null ? null : Instant.ofEpochSecond(v.getSelectedDateTime());
    }

    /** The files uploaded in a file input. */
    public List<File> files(String block) {
        ViewState.Value v = value(block);
        return v == null || v.getFiles() == null ? List.of() : v.getFiles();
    }
}
