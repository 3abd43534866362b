package app.pompier.store;

import app.pompier.outage.ReporterNews;
import app.pompier.ticket.IntakeRequest;
import app.pompier.ticket.OpenedVia;
import app.pompier.ticket.Registration;
import app.pompier.ticket.SourceMessage;
import app.pompier.ticket.Ticket;
import app.pompier.ticket.TimelineEntry;
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
        database = Database.open(folder.resolve("r.db"));
        tickets = new TicketsDatabaseRepository(database.jdbi());
        related = new RelatedReportsDatabaseRepository(database.jdbi());
    }

    Ticket report(String ts, String user) {
        return ((Registration.Opened) tickets.register(new IntakeRequest(new SourceMessage("TA", "C1", ts, null), user,
                "login KO", OpenedVia.WATCHED_CHANNEL, user, null), "INC", now)).ticket();
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
        assertEquals(3, related.reportersOf(incident.key()).people());
        assertTrue(related.undecided(Long.MAX_VALUE, 10).isEmpty(), "every report is decided");

        assertEquals(2, related.owe(incident.key(), ReporterNews.status("v1", "doing 1", null), true, now));
        assertEquals(2, related.owe(incident.key(), ReporterNews.status("v2", "doing 2", null), true, now));
        var pending = related.claimNews(a.key(), now, now.plus(Duration.ofMinutes(2))).orElseThrow();
        assertEquals("v2", pending.news().known(), "the reporter gets the latest");
        assertEquals(2, pending.version());
        assertTrue(related.claimNews(a.key(), now, now.plus(Duration.ofMinutes(2))).isEmpty(), "claimed once");

        // The resolution comes while v2 is being posted: it stays owed after v2 is recorded.
        related.owe(incident.key(), ReporterNews.resolved(), false, now);
        related.newsPosted(a.key(), pending.version(), now);
        var next = related.claimNews(a.key(), now, now.plus(Duration.ofMinutes(2))).orElseThrow();
        assertEquals(ReporterNews.Kind.RESOLVED, next.news().kind());
        related.newsPosted(a.key(), next.version(), now);
        assertTrue(related.claimNews(a.key(), now.plusSeconds(600), now.plusSeconds(700)).isEmpty());
        assertEquals(1, related.owedBy(now, 10).size(), "only b is still owed its news");
        tickets.close();
        database.close();
    }
}
