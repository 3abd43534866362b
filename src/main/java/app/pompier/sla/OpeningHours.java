package app.pompier.sla;

import java.time.LocalTime;

/**
 * One opening interval of a day, such as 09:00–12:30. {@code end} is exclusive; an end of 00:00 means
 * midnight at the end of the day.
 */
public record OpeningHours(LocalTime start, LocalTime end) implements Comparable<OpeningHours> {
    public OpeningHours {
        if (!endsAtMidnight(end) && !end.isAfter(start)) {
            throw new IllegalArgumentException("opening hours " + start + "-" + end + " end before they start");
        }
    }

    private static boolean endsAtMidnight(LocalTime end) {
        return end.equals(LocalTime.MIDNIGHT);
    }

    public boolean endsAtMidnight() {
        return endsAtMidnight(end);
    }

    public boolean overlaps(OpeningHours other) {
        boolean startsBeforeOtherEnds = other.endsAtMidnight() || start.isBefore(other.end);
        boolean otherStartsBeforeThisEnds = endsAtMidnight() || other.start.isBefore(end);
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }

    @Override
    public int compareTo(OpeningHours o) {
        return start.compareTo(o.start);
    }

    @Override
    public String toString() {
        return start + "-" + (endsAtMidnight() ? "24:00" : end.toString());
    }
}
