package app.pompier;

import app.pompier.leads.slack.AppHome;
import app.pompier.leads.slack.LeadCommands;
import app.pompier.qualification.ChangingPriority;
import app.pompier.store.TicketFiguresDatabaseRepository;
import app.pompier.ticket.ShowingTicket;
import app.pompier.ticket.slack.SlackConversations;
import app.pompier.ticket.slack.TicketLine;
import com.slack.api.bolt.App;

/** The leads' piece of the composition root: their App Home and figures, and their {@code /ticket} sub-commands. */
record LeadsArea(TicketFiguresDatabaseRepository figures, TicketLine line, AppHome home) {

    static LeadsArea wire(Shared s, SlaArea sla) {
        TicketFiguresDatabaseRepository figures = new TicketFiguresDatabaseRepository(s.database().jdbi());
        TicketLine line = new TicketLine(sla.reading(), sla.words());
        return new LeadsArea(figures, line, new AppHome(s.tickets(), figures, sla.reading(), line, s.roles(),
                s.gateway(), s.clock(), s.followUps(), s.languages()));
    }

    /** The App Home, and the leads' sub-commands given to {@code /ticket}. */
    LeadCommands listen(App bolt, Shared s, SlaArea sla, ChangingPriority priorities, TicketArea ticket) {
        LeadCommands commands = new LeadCommands(s.tickets(), priorities, ticket.changingState(), ticket.taking(),
                s.roles(), sla.reading(), line, s.languages(), s.answers(), new ShowingTicket(s.tickets(),
                new SlackConversations(s.gateway(), s.clock())), s.followUps());
        commands.register(bolt);
        home.register(bolt);
        return commands;
    }
}
