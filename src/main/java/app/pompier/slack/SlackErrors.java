package app.pompier.slack;

import app.pompier.ticket.ChatAnswer;

import java.util.Set;

/**
 * What Slack's {@code ok:false} error codes mean for Pompier: the thing is already done, it will never work
 * whatever the retries (Pompier is not in the channel, the message is gone, a user cannot be invited), or it
 * is worth trying again later (anything else: Slack's own trouble, an unknown code).
 */
public final class SlackErrors {
    private static final Set<String> ALREADY_DONE = Set.of("already_in_channel", "cant_invite_self",
            "already_pinned", "already_archived", "already_reacted");
    /** The thread is gone: nothing can be in it, and nothing can be posted there again. */
    private static final Set<String> NO_THREAD = Set.of("channel_not_found", "is_archived", "not_in_channel",
            "thread_not_found", "message_not_found");
    private static final Set<String> PERMANENT = Set.of("user_not_found", "cant_invite", "user_is_restricted",
            "user_is_ultra_restricted", "ura_max_channels", "missing_scope", "restricted_action", "invalid_name",
            "invalid_name_specials", "invalid_name_maxlength", "invalid_name_required", "too_long", "invalid_link",
            "no_permission", "not_allowed_token_type", "method_not_supported_for_channel_type", "too_many_pins",
            "invalid_auth", "account_inactive", "token_revoked", "invalid_blocks", "msg_too_long");

    private SlackErrors() {
    }

    public static boolean alreadyDone(String code) {
        return code != null && ALREADY_DONE.contains(code);
    }

    public static boolean threadGone(String code) {
        return code != null && NO_THREAD.contains(code);
    }

    /** What an {@code ok:false} answer means for the domain: never (a permanent error), or not now. */
    public static <T> ChatAnswer<T> notDone(String code) {
        String error = code == null ? "unknown_error" : code;
        return permanent(error) ? new ChatAnswer.CannotSucceed<>(error) : new ChatAnswer.RetryLater<>(error);
    }

    /** Slack did not answer, or kept refusing with 429s and 5xx: not now. */
    public static <T> ChatAnswer<T> unavailable(SlackUnavailableException e) {
        return new ChatAnswer.RetryLater<>("slack_unavailable: " + e.getMessage());
    }

    /** No retry will make it work; the thread being gone is one such case. */
    public static boolean permanent(String code) {
        return code != null && (PERMANENT.contains(code) || NO_THREAD.contains(code));
    }
}
