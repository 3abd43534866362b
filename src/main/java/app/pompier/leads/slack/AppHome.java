package app.pompier.leads.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackGateway;
import app.pompier.slack.SlackUnavailableException;
import app.pompier.ticket.slack.TicketLine;
import app.pompier.ticket.SupportRoles;
import app.pompier.sla.GoalStatus;
import app.pompier.sla.ReadingSla;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TicketFigures;
import app.pompier.ticket.Tickets;
import com.slack.api.bolt.App;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.event.AppHomeOpenedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.view.Views.view;

/**
 * Pompier's Home tab. Everyone sees their open tickets with state and SLA countdown; leads also see the
 * queue (P1s first, breached first within a priority), the unassigned tickets and the P1-inflation
 * panel. Published when the tab is opened, and again for the people a changed ticket concerns, each in their own
 * language.
 */
public final class AppHome {
    private static final Logger log = LoggerFactory.getLogger(AppHome.class);
    /** Leads who looked at their Home this recently get it redrawn when any ticket changes. */
    private static final Duration WATCHING = Duration.ofHours(1);
    /**
     * How much of each list the tab shows: with the headers, dividers and figures, all of them stay well within
     * the 100 blocks of a Home tab.
     */
    private static final Shown YOURS = new Shown(100, 20), QUEUE = new Shown(40, 8), UNASSIGNED = new Shown(20, 4);
    private static final int INFLATION_BLOCKS = 3;

    /** At most {@code tickets} of a list, in at most {@code blocks} sections. */
    private record Shown(int tickets, int blocks) {
    }

    private final Tickets tickets;
    private final TicketFigures figures;
    private final ReadingSla sla;
    private final TicketLine line;
    private final SupportRoles roles;
    private final SlackGateway slack;
    private final Clock clock;
    private final ExecutorService followUps;
    private final Languages languages;
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();

    public AppHome(Tickets tickets, TicketFigures figures, ReadingSla sla, TicketLine line, SupportRoles roles,
                   SlackGateway slack, Clock clock, ExecutorService followUps, Languages languages) {
        this.languages = languages;
        this.tickets = tickets;
        this.figures = figures;
        this.sla = sla;
        this.line = line;
        this.roles = roles;
        this.slack = slack;
        this.clock = clock;
        this.followUps = followUps;
    }

    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, (payload, ctx) -> {
            AppHomeOpenedEvent e = payload.getEvent();
            if ("home".equals(e.getTab()) && e.getUser() != null) {
                openedAt.put(e.getUser(), clock.instant());
                String workspace = payload.getTeamId();
                followUps.execute(() -> publish(workspace, e.getUser()));
            }
            return ctx.ack();
        });
    }

    /** Redraws the Home of the people a changed ticket concerns: reporter, assignee, leads watching. */
    public void changed(Ticket t) {
        Set<String> users = new LinkedHashSet<>();
        Instant recent = clock.instant().minus(WATCHING);
        openedAt.forEach((user, at) -> {
            if (at.isAfter(recent) && (user.equals(t.reporter()) || user.equals(t.assignee()) || roles.isLead(user))) {
                users.add(user);
            }
        });
        users.forEach(user -> publish(t.source().workspace(), user));
    }

    public void publish(String workspace, String user) {
        try {
            List<LayoutBlock> blocks = blocks(workspace, user);
            var published = slack.call("views.publish", m -> m.viewsPublish(r -> r.userId(user)
                    .view(view(v -> v.type("home").blocks(blocks)))));
            if (!published.isOk()) {
                log.warn("Home of {} not published: {}", user, published.getError());
            }
        } catch (SlackUnavailableException e) {
            log.warn("Home of {} not published: {}", user, e.getMessage());
        }
    }

    /** The Home of {@code user}, in their language. */
    public List<LayoutBlock> blocks(String workspace, String user) {
        return blocks(languages.person(user), workspace, user);
    }

    public List<LayoutBlock> blocks(Words say, String workspace, String user) {
        List<Ticket> open = tickets.queue(workspace, 500);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(SlackBlocks.header(say.say("leads.home.yours")));
        lines(say, blocks, open.stream().filter(t -> user.equals(t.reporter()) || user.equals(t.assignee())).toList(),
                YOURS, "leads.home.yours");
        if (roles.isLead(user)) {
            blocks.add(divider());
            blocks.add(SlackBlocks.header(say.say("leads.home.queue")));
            blocks.add(SlackBlocks.context(say.say("leads.home.queue.rule")));
            List<Ticket> queue = new ArrayList<>(open);
            queue.sort(Comparator.comparing((Ticket t) -> t.priority() == null ? 9 : t.priority().ordinal())
                    .thenComparing(t -> breached(t) ? 0 : 1));
            lines(say, blocks, queue, QUEUE, "leads.home.queue");
            blocks.add(SlackBlocks.header(say.say("leads.home.unassigned")));
            lines(say, blocks, open.stream().filter(t -> t.assignee() == null).toList(), UNASSIGNED,
                    "leads.home.unassigned");
            blocks.add(divider());
            blocks.add(SlackBlocks.header(say.say("leads.home.inflation")));
            for (int days : new int[]{30, 90}) {
                List<TicketFigures.Inflation> rows = figures.inflation(workspace, clock.instant().minus(Duration.ofDays(days)));
                List<String> text = new ArrayList<>(List.of(say.say("leads.home.inflation.days", "days", days)));
                if (rows.isEmpty()) {
                    text.add(say.say("leads.home.inflation.none"));
                }
                for (TicketFigures.Inflation r : rows) {
                    text.add(say.say("leads.home.inflation.row", "channel", r.channel(), "claimed", r.claimedP1(),
                            "confirmed", r.confirmedP1(), "proposed", r.downgradesProposed(),
                            "accepted", r.downgradesAccepted(), "refused", r.downgradesRefused()));
                }
                blocks.addAll(SlackBlocks.lines(say, text, Integer.MAX_VALUE, INFLATION_BLOCKS, null));
            }
        }
        return blocks;
    }

    private boolean breached(Ticket t) {
        return sla.statuses(t).values().stream().anyMatch(GoalStatus::breached);
    }

    /**
     * Ten tickets to a section, and as many sections as {@code most} allows; only those shown are drawn. What to say
     * when there is none, and where to see them all, are {@code list}'s {@code .none} and {@code .where}.
     */
    private void lines(Words say, List<LayoutBlock> blocks, List<Ticket> shown, Shown most, String list) {
        if (shown.isEmpty()) {
            blocks.add(SlackBlocks.section(say.say(list + ".none")));
            return;
        }
        List<String> lines = shown.subList(0, Math.min(shown.size(), most.tickets())).stream()
                .map(t -> line.withExcerpt(say, t)).toList();
        blocks.addAll(SlackBlocks.lines(say, lines, shown.size(), 10, most.blocks(), say.say(list + ".where")));
    }
}
