package app.pompier.language;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Pompier says in one language: messages from the language's file ({@code words/pompier_fr.properties}),
 * written with ICU's MessageFormat so that plurals and agreement are the translator's, never concatenation; and
 * moments and durations the way that language writes them, in the team's time zone.
 *
 * <p>Arguments are named, in pairs: {@code say("card.taken", "ticket", "INC-42", "who", "<@U1>")} for
 * {@code card.taken={ticket} pris en charge par {who}}.
 */
public final class Words {
    private final String code;
    private final Locale locale;
    private final ULocale ulocale;
    private final Map<String, String> patterns;
    private final Words fallback;
    private final ZoneId zone;
    private final Clock clock;
    private final DateTimeFormatter time;
    private final DateTimeFormatter dayTime;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;
    private final Map<String, MessageFormat> compiled = new ConcurrentHashMap<>();

    Words(String code, Map<String, String> patterns, Words fallback, ZoneId zone, Clock clock) {
        this.code = code;
        this.locale = Locale.forLanguageTag(code);
        this.ulocale = ULocale.forLanguageTag(code);
        this.patterns = Map.copyOf(patterns);
        this.fallback = fallback;
        this.zone = zone;
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern(pattern("format.time"), locale);
        this.dayTime = DateTimeFormatter.ofPattern(pattern("format.day_time"), locale);
        this.dateTime = DateTimeFormatter.ofPattern(pattern("format.date_time"), locale);
        this.date = DateTimeFormatter.ofPattern(pattern("format.date"), locale);
    }

    /** The language's code, as in its file's name and the team's {@code language} key: {@code fr}, {@code en}. */
    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The message {@code key} with its named arguments ({@code name, value, name, value…}); a null value reads as
     * nothing. A key this language lacks is said in English (a test keeps every file complete).
     */
    public String say(String key, Object... namedArguments) {
        if (namedArguments.length % 2 != 0) {
            throw new IllegalArgumentException(key + ": arguments come in pairs of a name and a value");
        }
        Map<String, Object> arguments = new HashMap<>();
        for (int i = 0; i < namedArguments.length; i += 2) {
            Object value = namedArguments[i + 1];
            // A phrase inside a phrase (a refusal inside an answer) is said in the same language.
            arguments.put((String) namedArguments[i], value == null ? "" : value instanceof Phrase p ? say(p) : value);
        }
        // A MessageFormat is not safe to share between threads; a clone of the parsed one is cheap.
        return ((MessageFormat) format(key).clone()).format(arguments);
    }

    /** A phrase an area decided on, in this language. */
    public String say(Phrase phrase) {
        return say(phrase.key(), phrase.arguments().toArray());
    }

    /** Whether this language's file (or English's) has {@code key}. */
    public boolean has(String key) {
        return patterns.containsKey(key) || (fallback != null && fallback.has(key));
    }

    /** "10:45" today, "mar. 10:45" within the week, "mar. 8 déc. 10:45" further, in the team's zone. */
    public String when(Instant instant) {
        ZonedDateTime at = instant.atZone(zone);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        long days = ChronoUnit.DAYS.between(today, at.toLocalDate());
        if (days == 0) {
            return time.format(at);
        }
        return (days > 0 && days < 7 ? dayTime : dateTime).format(at);
    }

    /** Always with its date: "mar. 8 déc. 10:45". */
    public String dateTime(Instant instant) {
        return dateTime.format(instant.atZone(zone));
    }

    /** A day: "mar. 8 déc.", "Tue 8 Dec". */
    public String day(LocalDate day) {
        return date.format(day);
    }

    /** "lun. 08:00 → mer. 08:00". */
    public String span(Instant start, Instant end) {
        return say("format.span", "start", when(start), "end", when(end));
    }

    /** "1 h 30 min", "45 min", "3 h": a business duration as people read it in a reminder, rounded up to the minute. */
    public String duration(Duration d) {
        long minutes = Math.max(0, (d.toSeconds() + 59) / 60);
        long h = minutes / 60;
        long m = minutes % 60;
        if (h == 0) {
            return say("duration.minutes", "minutes", m);
        }
        return m == 0 ? say("duration.hours", "hours", h) : say("duration.hours_minutes", "hours", h, "minutes", m);
    }

    /** "A, B and C", "A, B et C". */
    public String list(List<String> items) {
        return ListFormatter.getInstance(ulocale).format(items);
    }

    private MessageFormat format(String key) {
        return compiled.computeIfAbsent(key, k -> new MessageFormat(pattern(k), ulocale));
    }

    private String pattern(String key) {
        String pattern = patterns.get(key);
        if (pattern != null) {
            return pattern;
        }
        if (fallback != null) {
            return fallback.pattern(key);
        }
        throw new IllegalArgumentException("no message '" + key + "' in words/pompier_" + code + ".properties");
    }

    @Override
    public String toString() {
        return "Words[" + code + "]";
    }
}
