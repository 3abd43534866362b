package app.pompier.slack;

import app.pompier.language.Languages;
import app.pompier.language.SpokenLanguages;
import com.slack.api.bolt.App;
import com.slack.api.methods.response.users.UsersInfoResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The language each person reads Slack in, from {@code users.info} with {@code include_locale}, kept a day. It is
 * learnt on a thread of its own whenever someone writes, clicks or types a command, so that the dialog their click
 * opens (inside Slack's 3 seconds) is in their language without a Slack call in the ack. Someone not known yet reads
 * their channel's language, once.
 */
public final class SlackPeopleLanguages implements SpokenLanguages, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackPeopleLanguages.class);
    /** People rarely change their Slack language; a day keeps users.info calls to one per person per day. */
    static final Duration KEPT = Duration.ofHours(24);
    /** Someone Slack did not describe (an error, a guest from another workspace) is asked again after an hour. */
    static final Duration UNKNOWN_KEPT = Duration.ofHours(1);
    /** At most this many people wait to be learnt; more (a mass outage of new reporters) are learnt next time. */
    private static final int WAITING_AT_MOST = 5_000;

    private record Known(String language, Instant until) {
    }

    private final SlackGateway slack;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> learning = ConcurrentHashMap.newKeySet();
    private final ExecutorService learner;

    public SlackPeopleLanguages(SlackGateway slack, Clock clock) {
        this.slack = slack;
        this.clock = clock;
        // One thread: users.info is Tier 4, and people's languages can wait behind each other.
        this.learner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(WAITING_AT_MOST), task -> {
            Thread t = new Thread(task, "pompier-languages");
            t.setDaemon(true);
            return t;
        });
    }

    /** Learns the language of whoever sends Slack a request: a message, a click, a command, a submitted dialog. */
    public void register(App app) {
        app.use((request, response, chain) -> {
            learn(request.getContext().getRequestUserId());
            return chain.next(request);
        });
    }

    @Override
    public Optional<String> of(String userId) {
        Known k = userId == null ? null : known.get(userId);
        return k == null ? Optional.empty() : Optional.ofNullable(k.language());
    }

    @Override
    public void learn(String userId) {
        if (userId == null || !userId.matches("[UW][A-Z0-9]+")) {
            return;
        }
        Known k = known.get(userId);
        if ((k != null && clock.instant().isBefore(k.until())) || !learning.add(userId)) {
            return;
        }
        try {
            learner.execute(() -> {
                try {
                    known.put(userId, ask(userId));
                } finally {
                    learning.remove(userId);
                }
            });
        } catch (RejectedExecutionException e) {
            learning.remove(userId);
            log.debug("{}'s language is learnt next time: too many people wait to be learnt", userId);
        }
    }

    /** Learns the language of people who will click soon: support and leads, read at start. */
    public void learnAll(Iterable<String> userIds) {
        userIds.forEach(this::learn);
    }

    private Known ask(String userId) {
        try {
            UsersInfoResponse info = slack.call("users.info", m -> m.usersInfo(r -> r.user(userId).includeLocale(true)));
            if (info.isOk() && info.getUser() != null) {
                Optional<String> language = Languages.ofLocale(info.getUser().getLocale());
                // A language Pompier does not speak is known too: they read their channel's.
                return new Known(language.orElse(null), clock.instant().plus(KEPT));
            }
            log.debug("users.info did not describe {} ({}): their channel's language until asked again", userId,
                    info.getError());
        } catch (SlackUnavailableException e) {
            log.debug("users.info did not answer for {} ({}): their channel's language until asked again", userId,
                    e.getMessage());
        }
        return new Known(null, clock.instant().plus(UNKNOWN_KEPT));
    }

    @Override
    public void close() {
        learner.shutdownNow();
    }
}
