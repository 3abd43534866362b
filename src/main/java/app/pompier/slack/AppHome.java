package app.pompier.slack;

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

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.view.Views.view;

/**
 * Pompier's Home tab. Everyone sees their open tickets with state and SLA countdown; leads also see the
 * queue (P1s first, breached first within a priority), the unassigned tickets and the P1-inflation
 * panel. Published when the tab is opened, and again for the people a changed ticket concerns.
 */
public final class AppHome {
    private static final Logger log = LoggerFactory.getLogger(AppHome.class);
    /** Leads who looked at their Home this recently get it redrawn when any ticket changes. */
    private static final Duration WATCHING = Duration.ofHours(1);

    private final Tickets tickets;
    private final TicketFigures figures;
    private final ReadingSla sla;
    private final TicketLine line;
    private final SupportRoles roles;
    private final SlackGateway slack;
    private final Clock clock;
    private final ExecutorService followUps;
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();

    public AppHome(Tickets tickets, TicketFigures figures, ReadingSla sla, TicketLine line, SupportRoles roles,
                   SlackGateway slack, Clock clock, ExecutorService followUps) {
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

    void publish(String workspace, String user) {
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

    List<LayoutBlock> blocks(String workspace, String user) {
        List<Ticket> open = tickets.queue(workspace, 500);
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Your tickets"))));
        lines(blocks, open.stream().filter(t -> user.equals(t.reporter()) || user.equals(t.assignee())).toList(),
                "No open ticket of yours.");
        if (roles.isLead(user)) {
            blocks.add(divider());
            blocks.add(header(h -> h.text(plainText("Queue"))));
            blocks.add(context(c -> c.elements(List.of(markdownText(
                    "By impact, never by who the customer is: P1s first, breached first within a priority.")))));
            List<Ticket> queue = new ArrayList<>(open);
            queue.sort(Comparator.comparing((Ticket t) -> t.priority() == null ? 9 : t.priority().ordinal())
                    .thenComparing(t -> breached(t) ? 0 : 1));
            lines(blocks, queue.subList(0, Math.min(queue.size(), 40)), "The queue is empty.");
            blocks.add(header(h -> h.text(plainText("Unassigned"))));
            lines(blocks, open.stream().filter(t -> t.assignee() == null).limit(20).toList(), "Nothing unassigned.");
            blocks.add(divider());
            blocks.add(header(h -> h.text(plainText("P1 inflation"))));
            for (int days : new int[]{30, 90}) {
                List<TicketFigures.Inflation> rows = figures.inflation(workspace, clock.instant().minus(Duration.ofDays(days)));
                StringBuilder text = new StringBuilder("*Last " + days + " days*");
                if (rows.isEmpty()) {
                    text.append("\nNo ticket.");
                }
                for (TicketFigures.Inflation r : rows) {
                    text.append("\n<#").append(r.channel()).append("> · claimed P1 ").append(r.claimedP1())
                            .append(" · confirmed P1 ").append(r.confirmedP1()).append(" · downgrades proposed ")
                            .append(r.downgradesProposed()).append(", accepted ").append(r.downgradesAccepted())
                            .append(", refused ").append(r.downgradesRefused());
                }
                blocks.add(section(s -> s.text(markdownText(text.toString()))));
            }
        }
        return blocks;
    }

    private boolean breached(Ticket t) {
        return sla.statuses(t).values().stream().anyMatch(GoalStatus::breached);
    }

    private void lines(List<LayoutBlock> blocks, List<Ticket> shown, String none) {
        if (shown.isEmpty()) {
            blocks.add(section(s -> s.text(markdownText(none))));
            return;
        }
        List<String> lines = shown.stream().map(line::withExcerpt).toList();
        for (int i = 0; i < lines.size(); i += 10) {
            String chunk = String.join("\n", lines.subList(i, Math.min(lines.size(), i + 10)));
            blocks.add(section(s -> s.text(markdownText(chunk))));
        }
    }
}
