package app.pompier.crisis.slack;

import app.pompier.slack.Mention;
import app.pompier.slack.PrivateAnswers;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SubmittedView;
import app.pompier.ticket.slack.StateChanges;
import app.pompier.crisis.RunningCrisisCell;
import app.pompier.crisis.RunningCrisisCell.Acting;
import app.pompier.crisis.RunningCrisisCell.CellAction;
import app.pompier.ticket.SupportRoles;
import app.pompier.ticket.TicketId;
import app.pompier.language.Languages;
import app.pompier.language.Phrase;
import app.pompier.language.Words;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.view.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;

/**
 * In a crisis cell: the status-update button and its short dialog, and the Resolved button; each for the cell's
 * commander, support and the leads ({@link RunningCrisisCell#acting}), anyone else told who can, only them. The
 * dialog and the refusals are in the language of the person who clicked.
 */
public final class CrisisListeners {
    private static final Logger log = LoggerFactory.getLogger(CrisisListeners.class);
    public static final String STATUS_DIALOG = "crisis_status_update";
    /** The buttons of a cell's summary and status requests; their value is the ticket id. */
    public static final String STATUS_ACTION = "crisis_status";
    public static final String RESOLVED_ACTION = "crisis_resolved";

    private final RunningCrisisCell crisis;
    private final StateChanges states;
    private final SupportRoles roles;
    private final SlackGateway slack;
    private final PrivateAnswers answers;
    private final Clock clock;
    private final ExecutorService followUps;
    private final Languages languages;

    public CrisisListeners(RunningCrisisCell crisis, StateChanges states, SupportRoles roles, SlackGateway slack,
                           PrivateAnswers answers, Clock clock, ExecutorService followUps, Languages languages) {
        this.languages = languages;
        this.crisis = crisis;
        this.states = states;
        this.roles = roles;
        this.slack = slack;
        this.answers = answers;
        this.clock = clock;
        this.followUps = followUps;
    }

    /** The short dialog of a status update, in {@code w}; {@code ticket} is the id the button carried. */
    public static View statusDialog(Words w, String ticket) {
        return view(v -> v.type("modal").callbackId(STATUS_DIALOG).privateMetadata(ticket)
                .title(SlackBlocks.title(w.say("crisis.dialog.title", "ticket", ticket), ticket))
                .submit(SlackBlocks.submit(w.say("crisis.dialog.post")))
                .close(SlackBlocks.close(w.say("crisis.dialog.cancel")))
                .blocks(List.of(
                        input(i -> i.blockId("known").label(plainText(w.say("crisis.dialog.known")))
                                .element(plainTextInput(t -> t.actionId("value").multiline(true)))),
                        input(i -> i.blockId("doing").label(plainText(w.say("crisis.dialog.doing")))
                                .element(plainTextInput(t -> t.actionId("value").multiline(true)))),
                        input(i -> i.blockId("next").label(plainText(w.say("crisis.dialog.next")))
                                .element(staticSelect(s -> s.actionId("value").options(List.of(
                                                minutes(w, 15), minutes(w, 30), hours(w, 1), hours(w, 2)))
                                        .initialOption(minutes(w, 30))))))));
    }

    private static OptionObject minutes(Words w, int minutes) {
        return SlackBlocks.option(w.say("crisis.dialog.minutes", "minutes", minutes), String.valueOf(minutes));
    }

    private static OptionObject hours(Words w, int hours) {
        return SlackBlocks.option(w.say("crisis.dialog.hours", "hours", hours), String.valueOf(hours * 60));
    }

    public void register(App app) {
        app.blockAction(STATUS_ACTION, (req, ctx) -> {
            var p = req.getPayload();
            Acting acting = acting(p, CellAction.POST_STATUS);
            if (!(acting instanceof Acting.Allowed allowed)) {
                tell(p, refusal(clicking(p), acting));
                return ctx.ack();
            }
            String ticket = allowed.ticket().id().toString();
            // Where they are is the cell, which speaks its ticket's channel's language.
            View dialog = statusDialog(languages.person(p.getUser().getId(), allowed.ticket().source().channel()),
                    ticket);
            var opened = slack.callOnce("views.open", m -> m.viewsOpen(r -> r.triggerId(p.getTriggerId()).view(dialog)));
            if (!opened.isOk()) {
                log.warn("status dialog of {} not opened: {}", ticket, opened.getError());
            }
            return ctx.ack();
        });
        app.viewSubmission(STATUS_DIALOG, (req, ctx) -> {
            var p = req.getPayload();
            Words words = languages.person(p.getUser().getId());
            SubmittedView values = SubmittedView.of(p.getView().getState());
            String known = values.text("known");
            String doing = values.text("doing");
            if (known == null || doing == null) {
                return ctx.ack(r -> r.responseAction("errors").errors(known == null
                        ? Map.of("known", words.say("crisis.dialog.known_missing"))
                        : Map.of("doing", words.say("crisis.dialog.doing_missing"))));
            }
            String minutes = Optional.ofNullable(values.choice("next")).orElse("30");
            Optional<TicketId> id = TicketId.parse(p.getView().getPrivateMetadata());
            // Checked again: whoever has the dialog open submits it, whatever they were when it opened.
            Acting acting = id.isEmpty() ? new Acting.NoCell(Phrase.of("crisis.refused.gone"))
                    : crisis.acting(p.getTeam().getId(), id.get(), p.getUser().getId(), CellAction.POST_STATUS,
                    roles::isSupport);
            if (!(acting instanceof Acting.Allowed allowed)) {
                String why = acting instanceof Acting.NotAllowed notAllowed ? plainRefusal(words, notAllowed)
                        : words.say(((Acting.NoCell) acting).reason());
                return ctx.ack(r -> r.responseAction("errors").errors(Map.of("known", why)));
            }
            followUps.execute(() -> {
                var update = crisis.statusUpdate(allowed, known, doing,
                        clock.instant().plus(Duration.ofMinutes(Long.parseLong(minutes))));
                if (update instanceof RunningCrisisCell.Update.NotPosted notPosted) {
                    log.warn("status update of {} not posted: {}", allowed.ticket().id(), notPosted.why());
                }
            });
            return ctx.ack();
        });
        app.blockAction(RESOLVED_ACTION, (req, ctx) -> {
            var p = req.getPayload();
            Acting acting = acting(p, CellAction.RESOLVE);
            tell(p, acting instanceof Acting.Allowed allowed ? states.resolveInCell(allowed)
                    : refusal(clicking(p), acting));
            return ctx.ack();
        });
    }

    private Acting acting(BlockActionPayload p, CellAction action) {
        String value = p.getActions() == null || p.getActions().isEmpty() ? null : p.getActions().get(0).getValue();
        Optional<TicketId> id = TicketId.parse(value);
        return id.isEmpty() ? new Acting.NoCell(Phrase.of("crisis.refused.no_button_ticket"))
                : crisis.acting(p.getTeam().getId(), id.get(), p.getUser().getId(), action, roles::isSupport);
    }

    /** Only to the person who clicked, in the cell. */
    private void tell(BlockActionPayload p, String text) {
        answers.tellSoon(p.getChannel() == null ? null : p.getChannel().getId(),
                p.getContainer() == null ? null : p.getContainer().getThreadTs(), p.getUser().getId(), text);
    }

    /** The words of the person who clicked, where they clicked. */
    private Words clicking(BlockActionPayload p) {
        return languages.person(p.getUser().getId(), p.getChannel() == null ? null : p.getChannel().getId());
    }

    /** {@code none} in the messages' {@code commander} select: the cell has no commander. */
    private static final String NO_COMMANDER = "none";

    private static String refusal(Words w, Acting acting) {
        if (acting instanceof Acting.NotAllowed n) {
            return w.say("crisis.refused", "commander", n.commander() == null ? NO_COMMANDER
                    : Mention.of(n.commander()), "action", action(n), "ticket", n.ticket().toString());
        }
        return w.say(((Acting.NoCell) acting).reason());
    }

    /** For a dialog's field, where Slack shows plain text: no mention. */
    private static String plainRefusal(Words w, Acting.NotAllowed n) {
        return w.say("crisis.refused.in_dialog", "commander", n.commander() == null ? NO_COMMANDER : "named",
                "action", action(n), "ticket", n.ticket().toString());
    }

    /** The {@code action} select of the refusals: {@code post_status}, {@code resolve}. */
    private static String action(Acting.NotAllowed n) {
        return n.action().name().toLowerCase(Locale.ROOT);
    }
}
