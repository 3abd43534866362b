package app.pompier.ticket;

/**
 * A message of Pompier's in a thread: posted now, or found there, posted by an earlier attempt whose outcome was
 * unknown (a crash, a lost answer).
 */
public record ChatPost(String ts, boolean found) {
}
