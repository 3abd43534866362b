package app.pompier.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import app.pompier.ticket.Claims;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * The one way Pompier calls Slack's Web API. A 429 waits what {@code Retry-After} says and tries again;
 * a 5xx or a network error backs off and tries again; both are bounded and logged. An {@code ok:false}
 * answer is logged with the method and Slack's error code and returned for the caller to act on.
 */
public final class SlackGateway {
    private static final Logger log = LoggerFactory.getLogger(SlackGateway.class);

    /** One Web API call, written against Slack's typed client. */
    @FunctionalInterface
    public interface SlackCall<T extends SlackApiTextResponse> {
        T call(MethodsClient methods) throws IOException, SlackApiException;
    }

    /** How long to wait; a seam so tests and benches do not have to sleep for real. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final MethodsClient methods;
    private final int maxAttempts;
    private final Duration longestWait;
    private final Sleeper sleeper;
    private final MeterRegistry metrics;
    private final Claims claims;

    public SlackGateway(Slack slack, String botToken, int maxAttempts, Duration longestWait, Sleeper sleeper,
                        MeterRegistry metrics, Claims claims) {
        this.methods = slack.methods(botToken);
        this.maxAttempts = maxAttempts;
        this.longestWait = longestWait;
        this.sleeper = sleeper;
        this.metrics = metrics;
        this.claims = claims;
    }

    public SlackGateway(Slack slack, String botToken, int maxAttempts, Duration longestWait, Sleeper sleeper) {
        this(slack, botToken, maxAttempts, longestWait, sleeper, new SimpleMeterRegistry(), Claims.alone());
    }

    /** @param claims the claims this replica's work is under, checked before every call */
    public SlackGateway(Slack slack, String botToken, MeterRegistry metrics, Claims claims) {
        this(slack, botToken, 5, Duration.ofSeconds(60), d -> Thread.sleep(d.toMillis()), metrics, claims);
    }

    public SlackGateway(Slack slack, String botToken) {
        this(slack, botToken, new SimpleMeterRegistry(), Claims.alone());
    }

    /** Counts one attempt: "ok", "error:<code>" (ok:false), "ratelimited", "http_5xx", "http_4xx", "network". */
    private void counted(String method, String outcome) {
        // The registry hands back the meter it already has for this name and tags.
        Counter.builder("pompier_slack_api_calls")
                .description("Slack Web API calls (each attempt), by method and outcome")
                .tag("method", method).tag("outcome", outcome).register(metrics).increment();
    }

    private void waitedOut(String method, Duration wait) {
        Counter.builder("pompier_slack_retry_after_waited_seconds")
                .description("Time spent waiting out Slack's Retry-After before calling again, by method")
                .tag("method", method).register(metrics).increment(wait.toMillis() / 1000.0);
    }

    /**
     * Calls {@code method}, retrying what Slack asks to retry.
     *
     * @throws SlackUnavailableException when every attempt was rate-limited or failed on Slack's side
     */
    public <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        return call(method, call, maxAttempts);
    }

    /**
     * Calls {@code method} once: for calls bound to a {@code trigger_id}, which expires in 3 seconds,
     * so that waiting out a 429 would only end in {@code expired_trigger_id}.
     */
    public <T extends SlackApiTextResponse> T callOnce(String method, SlackCall<T> call) {
        return call(method, call, 1);
    }

    /**
     * Calls a method that must not be repeated blindly, such as a post that can be looked for afterwards:
     * a 429 is waited out and tried again, and so is a connection that was never made, since Slack did
     * nothing with them; a 5xx, a timeout or a connection lost after sending may have been done all the
     * same, so they are thrown at once for the caller to check before trying again.
     */
    public <T extends SlackApiTextResponse> T callNotRepeated(String method, SlackCall<T> call) {
        return call(method, call, maxAttempts, false);
    }

    private <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call, int maxAttempts) {
        return call(method, call, maxAttempts, true);
    }

    private <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call, int maxAttempts,
                                                    boolean repeatIfUnsure) {
        String lastReason = "no attempt made";
        Exception lastError = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            Duration wait;
            claims.check();
            try {
                T response = call.call(methods);
                counted(method, response.isOk() ? "ok" : "error:" + response.getError());
                if (!response.isOk()) {
                    log.warn("Slack {} answered ok:false error={}{}", method, response.getError(),
                            response.getWarning() != null ? " warning=" + response.getWarning() : "");
                }
                return response;
            } catch (SlackApiException e) {
                int status = e.getResponse().code();
                lastError = e;
                counted(method, status == 429 ? "ratelimited" : status >= 500 ? "http_5xx" : "http_4xx");
                if (status == 429) {
                    wait = retryAfter(e);
                    lastReason = "rate limited (HTTP 429, Retry-After " + wait.toSeconds() + " s)";
                } else if (status >= 500) {
                    wait = backoff(attempt);
                    lastReason = "HTTP " + status;
                    if (!repeatIfUnsure) {
                        throw unsure(method, lastReason, e);
                    }
                } else {
                    lastReason = "HTTP " + status + (e.getError() != null ? " " + e.getError().getError() : "");
                    log.error("Slack {} refused the request: {}", method, lastReason);
                    throw new SlackUnavailableException(method, lastReason, e);
                }
            } catch (InterruptedIOException e) {
                counted(method, "network");
                lastError = e;
                lastReason = "timed out: " + e.getMessage();
                wait = backoff(attempt);
                if (!repeatIfUnsure) {
                    throw unsure(method, lastReason, e);
                }
            } catch (IOException e) {
                counted(method, "network");
                lastError = e;
                lastReason = "network error: " + e.getMessage();
                wait = backoff(attempt);
                if (!repeatIfUnsure && !(e instanceof java.net.ConnectException)) {
                    throw unsure(method, lastReason, e);
                }
            }
            if (attempt == maxAttempts) {
                break;
            }
            log.warn("Slack {} attempt {}/{} failed ({}); retrying in {} ms", method, attempt, maxAttempts,
                    lastReason, wait.toMillis());
            if (lastError instanceof SlackApiException rateLimited && rateLimited.getResponse().code() == 429) {
                waitedOut(method, wait);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SlackUnavailableException(method, "interrupted while waiting to retry", e);
            }
        }
        log.error("Slack {} gave up after {} attempts: {}", method, maxAttempts, lastReason);
        throw new SlackUnavailableException(method, lastReason, lastError);
    }

    private static SlackUnavailableException unsure(String method, String reason, Exception cause) {
        log.warn("Slack {} failed ({}) and may have been done all the same; not repeated blindly", method, reason);
        return new SlackUnavailableException(method, reason + " (it may have been done)", cause);
    }

    private Duration retryAfter(SlackApiException e) {
        String header = e.getResponse().header("Retry-After");
        long seconds = 1;
        if (header != null) {
            try {
                seconds = Math.max(0, Long.parseLong(header.trim()));
            } catch (NumberFormatException ignored) {
                // Slack always sends whole seconds; anything else waits the minimum.
            }
        }
        Duration wait = Duration.ofSeconds(seconds);
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }

    private Duration backoff(int attempt) {
        Duration wait = Duration.ofMillis(250L << Math.min(attempt - 1, 8));
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }
}
