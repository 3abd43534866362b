package app.pompier.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whose language Pompier speaks. What one person sees (a dialog, an ephemeral answer, a DM, their App Home) is in
 * that person's Slack language; what many see (a card in a channel's thread, a crisis cell, the leads' channel) is
 * in that channel's language, else the team's. A language is one file, {@code words/pompier_<code>.properties}:
 * adding a third one is adding its file.
 */
public final class Languages {
    public static final String ENGLISH = "en";

    private final ZoneId zone;
    private final Clock clock;
    private final String team;
    private final Map<String, String> channels;
    private final SpokenLanguages people;
    private final Map<String, Words> loaded = new ConcurrentHashMap<>();

    /**
     * @param team     the team's language ({@code language} in its file)
     * @param channels the language of the channels that speak another one, by channel id
     */
    public Languages(ZoneId zone, Clock clock, String team, Map<String, String> channels, SpokenLanguages people) {
        this.zone = zone;
        this.clock = clock;
        this.team = exists(team) ? team : ENGLISH;
        this.channels = Map.copyOf(channels);
        this.people = people;
        in(this.team);
    }

    /** One language for everything and everyone: tests, and teams with one language. */
    public static Languages only(String code, ZoneId zone, Clock clock) {
        return new Languages(zone, clock, code, Map.of(), SpokenLanguages.NONE);
    }

    /** Whether Pompier speaks {@code code}: its file is there. */
    public static boolean exists(String code) {
        return code != null && code.matches("[a-z]{2,3}") && Languages.class.getResource(file(code)) != null;
    }

    /** The language of a Slack locale ({@code fr-FR}, {@code en-GB}) if Pompier speaks it. */
    public static Optional<String> ofLocale(String locale) {
        if (locale == null || locale.isBlank()) {
            return Optional.empty();
        }
        String code = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
        return exists(code) ? Optional.of(code) : Optional.empty();
    }

    public Words team() {
        return in(team);
    }

    /** The words of {@code code}, or the team's when Pompier does not speak it. */
    public Words in(String code) {
        String known = exists(code) ? code : team;
        return loaded.computeIfAbsent(known, this::load);
    }

    /** What everyone in {@code channelId} reads: its own language where the team set one, else the team's. */
    public Words channel(String channelId) {
        String code = channelId == null ? null : channels.get(channelId);
        return code == null ? team() : in(code);
    }

    /** What {@code userId} alone reads: their Slack language once known, else the team's. Never waits on Slack. */
    public Words person(String userId) {
        return person(userId, null);
    }

    /** What {@code userId} alone reads where they are ({@code channelId}): their language, else that channel's. */
    public Words person(String userId, String channelId) {
        if (userId != null) {
            Optional<String> spoken = people.of(userId);
            if (spoken.isPresent()) {
                return in(spoken.get());
            }
            people.learn(userId);
        }
        return channel(channelId);
    }

    /** Learns {@code userId}'s language in the background, so that the next thing they see is in it. */
    public void learn(String userId) {
        if (userId != null) {
            people.learn(userId);
        }
    }

    private Words load(String code) {
        Words english = code.equals(ENGLISH) ? null : in(ENGLISH);
        return new Words(code, read(code), english, zone, clock);
    }

    /** The messages of {@code code}'s file, read as UTF-8. */
    public static Map<String, String> read(String code) {
        try (InputStream in = Languages.class.getResourceAsStream(file(code))) {
            if (in == null) {
                throw new IllegalArgumentException("Pompier does not speak '" + code + "': there is no " + file(code));
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> messages = new HashMap<>();
            p.stringPropertyNames().forEach(k -> messages.put(k, p.getProperty(k)));
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(code), e);
        }
    }

    private static String file(String code) {
        return "/words/pompier_" + code + ".properties";
    }
}
