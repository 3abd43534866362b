package app.pompier.ticket.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.Mention;
import app.pompier.slack.SlackText;
import app.pompier.crisis.RunningCrisisCell;
import app.pompier.ticket.SupportRoles;
import app.pompier.ticket.CategorizingTicket;
import app.pompier.ticket.Category;
import app.pompier.ticket.ChangingState;
import app.pompier.ticket.TicketId;
import app.pompier.ticket.TicketState;

import java.util.Locale;
import java.util.Optional;

/**
 * State, closing and commander changes from buttons and {@code /ticket}, each answered in words the person
 * can act on, in their language: where they are ({@code channel}) when the caller knows it, else theirs or the
 * team's.
 */
public final class StateChanges {
    private final ChangingState changing;
    private final SupportRoles roles;
    private final RunningCrisisCell crisis;
    private final CategorizingTicket categorizing;
    private final Languages languages;

    public StateChanges(ChangingState changing, SupportRoles roles, RunningCrisisCell crisis,
                        CategorizingTicket categorizing, Languages languages) {
        this.changing = changing;
        this.roles = roles;
        this.crisis = crisis;
        this.categorizing = categorizing;
        this.languages = languages;
    }

    public String state(String workspace, String ticketText, String stateText, String user) {
        return state(workspace, ticketText, stateText, user, null);
    }

    public String state(String workspace, String ticketText, String stateText, String user, String channel) {
        Words say = languages.person(user, channel);
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return say.say("ticket.state.usage");
        }
        TicketState to;
        try {
            to = TicketState.fromCode(stateText == null ? "" : stateText.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return say.say("ticket.state.not_a_state", "typed", SlackText.escape(String.valueOf(stateText)),
                    "ticket", id.get());
        }
        return answer(say, changing.change(workspace, id.get(), to, user, roles::isSupport),
                say.say("ticket.state.now", "ticket", id.get(), "state", to.code()));
    }

    /**
     * The cell's Resolved button, once the cell allowed the person who clicked: its commander resolves the incident
     * as support would, even when not in the support group.
     */
    public String resolveInCell(RunningCrisisCell.Acting.Allowed allowed) {
        return resolveInCell(allowed, null);
    }

    /** The same, answered in the language of the person who clicked in {@code channel} (the cell). */
    public String resolveInCell(RunningCrisisCell.Acting.Allowed allowed, String channel) {
        Words say = languages.person(allowed.by(), channel);
        TicketId id = allowed.ticket().id();
        return answer(say, changing.change(allowed.ticket().source().workspace(), id, TicketState.RESOLVED,
                allowed.by(), allowed.by()::equals), say.say("ticket.state.now", "ticket", id,
                "state", TicketState.RESOLVED.code()));
    }

    public String close(String workspace, String ticketText, String user) {
        return close(workspace, ticketText, user, null);
    }

    public String close(String workspace, String ticketText, String user, String channel) {
        Words say = languages.person(user, channel);
        Optional<TicketId> id = TicketId.parse(ticketText);
        if (id.isEmpty()) {
            return say.say("ticket.close.usage");
        }
        return answer(say, changing.close(workspace, id.get(), user, roles::isLead),
                say.say("ticket.close.done", "ticket", id.get()));
    }

    public String commander(String workspace, String ticketText, String mention, String user) {
        return commander(workspace, ticketText, mention, user, null);
    }

    public String commander(String workspace, String ticketText, String mention, String user, String channel) {
        Words say = languages.person(user, channel);
        Optional<TicketId> id = TicketId.parse(ticketText);
        Optional<String> named = Mention.typed(mention);
        if (id.isEmpty() || named.isEmpty()) {
            return say.say("ticket.commander.usage");
        }
        var outcome = crisis.nameCommander(workspace, id.get(), named.get(), user, roles::isLead);
        if (outcome instanceof RunningCrisisCell.Naming.Refused refused) {
            // The crisis cell's own refusal, in the asker's language.
            return say.say(refused.why());
        }
        return say.say("ticket.commander.done", "who", Mention.of(named.get()), "ticket", id.get());
    }

    /** A lead says what kind of problem a ticket is; a qualified, unassigned one is then routed. */
    public String category(String workspace, String ticketText, String category, String user) {
        return category(workspace, ticketText, category, user, null);
    }

    public String category(String workspace, String ticketText, String category, String user, String channel) {
        Words say = languages.person(user, channel);
        Optional<TicketId> id = TicketId.parse(ticketText);
        Optional<Category> chosen = Category.fromCode(category);
        if (id.isEmpty() || chosen.isEmpty()) {
            return say.say("ticket.category.usage", "codes", String.join("|", Category.codes()));
        }
        var outcome = categorizing.byLead(workspace, id.get(), chosen.get(), user, roles::isLead);
        if (outcome instanceof CategorizingTicket.Outcome.Refused refused) {
            return say.say(refused.why()) + ".";
        }
        return say.say("ticket.category.done", "ticket", id.get(), "category", say.say(chosen.get().inSentence()));
    }

    /** The change done, or why not: the domain's refusal in the reader's words, with its full stop. */
    private static String answer(Words say, ChangingState.Outcome outcome, String done) {
        if (outcome instanceof ChangingState.Outcome.Changed) {
            return done;
        }
        return say.say(((ChangingState.Outcome.Refused) outcome).why()) + ".";
    }
}
