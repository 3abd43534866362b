package app.pompier.store;

import app.pompier.outage.ReporterNews;
import app.pompier.ticket.IntakeRequest;
import app.pompier.ticket.OpenedVia;
import app.pompier.ticket.Registration;
import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TimelineEntry;
import app.pompier.testing.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelatedReportsDatabaseRepositoryTest {
    @TempDir
    Path folder;
    final Instant now = Instant.parse("2026-11-23T09:30:00Z");

    Database database;
    TicketsDatabaseRepository tickets;
    RelatedReportsDatabaseRepository related;

    void open() {
        database = TestStore.open(folder, "r.db");
        tickets = new TicketsDatabaseRepository(database, "test");
        related = new RelatedReportsDatabaseRepository(database.jdbi(), "test");
    }

    Ticket report(String ts, String user) {
        return ((Registration.Opened) tickets.register(new IntakeRequest(new SourceMessage("TA", "C1", ts, null), user,
                "login KO", OpenedVia.WATCHED_CHANNEL, user, null), "INC", now)).ticket();
    }

    /** A ticket of its own, as intake leaves it. */
    Ticket own(Ticket ticket) {
        assertTrue(related.decide(ticket.key(), null, now, null, null));
        return ticket;
    }

    /** A report intake related to {@code incident}. */
    void relate(Ticket report, Ticket incident) {
        assertTrue(related.decide(report.key(), incident.key(), now, entry("looks like " + incident.id()),
                entry(report.id().toString())));
    }

    /** The reply naming {@code incident} is in the report's thread, posted under a claim of its own. */
    void replied(Ticket report, String ts, Ticket incident, Instant at) {
        int attempt = tickets.claimCard(report.key(), at, at.plusSeconds(120));
        assertTrue(attempt > 0, "the reply is due");
        assertTrue(tickets.relatedReplyPosted(report.key(), attempt, ts, incident.key(), at));
    }

    TimelineEntry entry(String what) {
        return new TimelineEntry(now, "related", null, what);
    }

    @Test
    void a_decision_is_recorded_once_and_news_not_yet_posted_is_replaced_by_the_newer() {
        open();
        Ticket incident = report("1.1", "U1");
        Ticket a = report("1.2", "U2");
        Ticket b = report("1.3", "U3");
        assertTrue(related.decide(incident.key(), null, now, null, null));
        assertTrue(related.decide(a.key(), incident.key(), now, entry("looks like INC-1"), entry("INC-2")));
        assertFalse(related.decide(a.key(), null, now, null, null), "decided once");
        assertTrue(related.decide(b.key(), incident.key(), now, entry("looks like INC-1"), entry("INC-3")));
        replied(a, "9.1", incident, now);
        replied(b, "9.2", incident, now);
        assertEquals(3, related.reportersOf(incident.key()).people());
        assertTrue(related.undecided(0, Long.MAX_VALUE, 10).isEmpty(), "every report is decided");

        assertEquals(2, related.owe(incident.key(), ReporterNews.status("v1", "doing 1", null), true, now));
        assertEquals(2, related.owe(incident.key(), ReporterNews.status("v2", "doing 2", null), true, now));
        var pending = related.claimNews(a.key(), now, now.plus(Duration.ofMinutes(2))).orElseThrow();
        assertEquals("v2", pending.news().known(), "the reporter gets the latest");
        assertEquals(2, pending.version());
        assertTrue(related.claimNews(a.key(), now, now.plus(Duration.ofMinutes(2))).isEmpty(), "claimed once");

        // The resolution comes while v2 is being posted: it stays owed after v2 is recorded.
        related.owe(incident.key(), ReporterNews.resolved(), false, now);
        assertTrue(related.newsPosted(a.key(), pending.version(), pending.attempt(), "8.1", now));
        var next = related.claimNews(a.key(), now, now.plus(Duration.ofMinutes(2))).orElseThrow();
        assertEquals(ReporterNews.Kind.RESOLVED, next.news().kind());
        assertTrue(related.newsPosted(a.key(), next.version(), next.attempt(), "8.2", now));
        assertEquals("8.2", related.newsTs(a.key()).orElseThrow());
        assertTrue(related.claimNews(a.key(), now.plusSeconds(600), now.plusSeconds(700)).isEmpty());
        assertEquals(1, related.owedBy(now, 10).size(), "only b is still owed its news");
        tickets.close();
        database.close();
    }

    @Test
    void news_owed_while_an_older_version_is_posted_survives_that_versions_failure_and_waits_for_its_lease() {
        open();
        Ticket incident = report("2.1", "U1");
        Ticket a = report("2.2", "U2");
        own(incident);
        relate(a, incident);
        replied(a, "9.9", incident, now);
        related.owe(incident.key(), ReporterNews.status("v1", "doing", null), true, now);
        var v1 = related.claimNews(a.key(), now, now.plus(Duration.ofMinutes(2))).orElseThrow();

        // Newer news comes while v1 is being posted: v1's lease holds, nobody else takes the row.
        related.owe(incident.key(), ReporterNews.status("v2", "doing", null), true, now.plusSeconds(1));
        assertTrue(related.claimNews(a.key(), now.plusSeconds(1), now.plusSeconds(200)).isEmpty());
        // v1 fails for good: v2 is due at once, not lost with it.
        assertTrue(related.newsFailed(a.key(), v1.version(), v1.attempt(), "channel_not_found", null,
                now.plusSeconds(2)));
        var v2 = related.claimNews(a.key(), now.plusSeconds(2), now.plusSeconds(200)).orElseThrow();
        assertEquals("v2", v2.news().known());
        assertTrue(related.newsPosted(a.key(), v2.version(), v2.attempt(), "8.3", now.plusSeconds(3)));
        // A late answer for v1, under a claim that is no longer its own, records nothing.
        assertFalse(related.newsPosted(a.key(), v1.version(), v1.attempt(), "8.4", now.plusSeconds(4)));
        assertEquals("8.3", related.newsTs(a.key()).orElseThrow());
        assertTrue(related.owedBy(now.plusSeconds(10), 10).isEmpty());
        tickets.close();
        database.close();
    }

    @Test
    void news_waits_for_the_reports_reply_and_an_ended_incident_resolves_its_reports_with_their_news_at_once() {
        open();
        Ticket incident = report("3.1", "U1");
        Ticket a = report("3.2", "U2");
        own(incident);
        relate(a, incident);
        related.owe(incident.key(), ReporterNews.status("known", "doing", null), true, now);
        assertTrue(related.owedBy(now, 10).isEmpty(), "no news before the reply that names the incident");
        replied(a, "9.9", incident, now);
        assertEquals(1, related.owedBy(now, 10).size());

        Ticket ended = tickets.changeState(incident.key(), incident.state(), app.pompier.ticket.TicketState.CLOSED,
                now, new app.pompier.ticket.ReporterWait.Unchanged(), entry("closed")).orElseThrow();
        assertEquals(java.util.List.of(incident.key()), related.endedWithOpenReports(10));
        assertEquals(1, related.resolveWith(ended, now));
        assertEquals(0, related.resolveWith(ended, now), "told once");
        assertTrue(related.endedWithOpenReports(10).isEmpty());
        var news = related.claimNews(a.key(), now, now.plusSeconds(120)).orElseThrow();
        assertEquals(ReporterNews.Kind.RESOLVED, news.news().kind());
        assertTrue(tickets.timeline(a.key()).stream().anyMatch(e -> e.detail() != null
                && e.detail().contains("resolved with INC-1")));
        tickets.close();
        database.close();
    }

    @Test
    void linking_a_ticket_whose_card_is_being_posted_keeps_the_lease_and_the_reply_follows_the_card() {
        open();
        Ticket incident = report("4.1", "U1");
        Ticket b = report("4.2", "U2");
        own(incident);
        own(b);
        assertEquals(1, tickets.claimCard(b.key(), now, now.plusSeconds(120)));
        related.link(b.key(), incident.key(), entry("linked"), entry("INC-2 linked"));
        assertEquals(0, tickets.claimCard(b.key(), now.plusSeconds(1), now.plusSeconds(200)),
                "the card being posted keeps its lease");
        assertTrue(tickets.cardPosted(b.key(), 1, "5.5", null, now.plusSeconds(2)));
        assertEquals(1, tickets.claimCard(b.key(), now.plusSeconds(2), now.plusSeconds(200)),
                "its reply is due as soon as the card is in, from its first attempt");
        assertFalse(related.link(incident.key(), b.key(), entry("x"), entry("y")).isPresent(),
                "an incident cannot be linked to its own report");
        tickets.close();
        database.close();
    }

    @Test
    void a_report_linked_elsewhere_while_its_reply_was_posted_gets_the_reply_naming_the_new_incident() {
        open();
        Ticket x = report("5.1", "U1");
        Ticket y = report("5.2", "U2");
        Ticket r = report("5.3", "U3");
        own(x);
        own(y);
        relate(r, x);
        assertEquals(1, tickets.claimCard(r.key(), now, now.plusSeconds(120)));
        related.link(r.key(), y.key(), entry("linked to INC-2"), entry("INC-3 linked"));
        assertTrue(tickets.relatedReplyPosted(r.key(), 1, "7.7", x.key(), now.plusSeconds(1)));
        assertEquals(1, tickets.claimCard(r.key(), now.plusSeconds(1), now.plusSeconds(200)),
                "the reply naming INC-2 is due, from its first attempt");
        assertTrue(tickets.relatedReplyPosted(r.key(), 1, "7.8", y.key(), now.plusSeconds(2)));
        assertEquals(0, tickets.claimCard(r.key(), now.plusSeconds(3), now.plusSeconds(200)), "nothing more is due");
        tickets.close();
        database.close();
    }
}
