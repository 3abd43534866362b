package app.pompier;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything Pompier is told at start: secrets and deployment values from the environment, what a team
 * tunes from its YAML file. Read once, validated as a whole, so one start reports every mistake at once.
 */
public record Config(SlackApp slack, int port, Path database, Team team) {

    /** The Slack app's credentials and where its Web API lives (GovSlack, a proxy, or a test fake). */
    public record SlackApp(String botToken, String signingSecret, String apiUrl) {
        @Override
        public String toString() {
            return "SlackApp[botToken=xoxb-…, signingSecret=…, apiUrl=" + apiUrl + "]";
        }
    }

    /** What a support team tunes in its config file. */
    public record Team(String ticketPrefix, List<String> watchedChannels) {
        public static Team defaults() {
            return new Team("INC", List.of());
        }
    }

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,9}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{6,}");
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._\\-]{0,79}");
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("tickets", "channels");

    public static Config fromEnvironment() {
        return load(System.getenv());
    }

    public static Config load(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String token = required(env, "SLACK_BOT_TOKEN",
                "the bot token (xoxb-…) from your Slack app's 'OAuth & Permissions' page", problems);
        if (token != null && !token.startsWith("xoxb-")) {
            problems.add("SLACK_BOT_TOKEN must be a bot token starting with 'xoxb-' (found one starting with '"
                    + token.substring(0, Math.min(5, token.length()))
                    + "'); copy the 'Bot User OAuth Token' from your Slack app's 'OAuth & Permissions' page");
        }
        String secret = required(env, "SLACK_SIGNING_SECRET",
                "the signing secret from your Slack app's 'Basic Information' page", problems);
        String apiUrl = apiUrl(env.getOrDefault("SLACK_API_URL", DEFAULT_API_URL), problems);
        int port = port(env.getOrDefault("PORT", "3000"), problems);
        String db = env.getOrDefault("POMPIER_DB", "pompier.db").trim();
        if (db.isEmpty()) {
            problems.add("POMPIER_DB is empty; set it to the path of the SQLite file (default pompier.db)");
        }
        Team team = Team.defaults();
        String configFile = env.get("POMPIER_CONFIG");
        if (configFile != null && !configFile.isBlank()) {
            team = readTeam(Path.of(configFile.trim()), problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(new SlackApp(token, secret, apiUrl), port, Path.of(db), team);
    }

    private static String required(Map<String, String> env, String name, String what, List<String> problems) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is not set; set this environment variable to " + what);
            return null;
        }
        return value.trim();
    }

    private static String apiUrl(String raw, List<String> problems) {
        String url = raw.trim();
        try {
            URI uri = URI.create(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            problems.add("SLACK_API_URL is '" + raw + "'; it must be an http(s) URL such as " + DEFAULT_API_URL);
            return null;
        }
        return url.endsWith("/") ? url : url + "/";
    }

    private static int port(String raw, List<String> problems) {
        try {
            int port = Integer.parseInt(raw.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        problems.add("PORT is '" + raw + "'; it must be a TCP port number between 1 and 65535 (default 3000)");
        return -1;
    }

    private static Team readTeam(Path file, List<String> problems) {
        String where = "POMPIER_CONFIG (" + file + ")";
        if (!Files.isRegularFile(file)) {
            problems.add(where + " does not exist or is not a file; point POMPIER_CONFIG at your team's YAML file"
                    + " (an example is config/pompier.example.yaml)");
            return Team.defaults();
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (JacksonException e) {
            problems.add(file + " is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
            return Team.defaults();
        } catch (IOException e) {
            problems.add(where + " cannot be read: " + e.getMessage());
            return Team.defaults();
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return Team.defaults();
        }
        if (!root.isObject()) {
            problems.add(file + " must be a YAML mapping with the keys " + String.join(", ", TOP_LEVEL_KEYS));
            return Team.defaults();
        }
        unknownKeys(root, TOP_LEVEL_KEYS, "", file, problems);

        String prefix = Team.defaults().ticketPrefix();
        JsonNode tickets = root.path("tickets");
        if (tickets.isObject()) {
            unknownKeys(tickets, Set.of("prefix"), "tickets.", file, problems);
            JsonNode p = tickets.path("prefix");
            if (!p.isMissingNode()) {
                String value = p.asText("").trim();
                if (!PREFIX.matcher(value).matches()) {
                    problems.add("tickets.prefix in " + file + " is '" + value
                            + "'; it must be 1 to 10 capital letters or digits starting with a letter, such as INC");
                } else {
                    prefix = value;
                }
            }
        } else if (!tickets.isMissingNode()) {
            problems.add("tickets in " + file + " must be a mapping, such as 'tickets: { prefix: INC }'");
        }

        List<String> channels = new ArrayList<>();
        JsonNode channelsNode = root.path("channels");
        if (channelsNode.isObject()) {
            unknownKeys(channelsNode, Set.of("watch"), "channels.", file, problems);
            JsonNode watch = channelsNode.path("watch");
            if (watch.isArray()) {
                for (JsonNode c : watch) {
                    String value = c.asText("").trim();
                    String name = value.startsWith("#") ? value.substring(1) : value;
                    if (CHANNEL_ID.matcher(name).matches()) {
                        channels.add(name);
                    } else if (CHANNEL_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches()) {
                        channels.add(name.toLowerCase(Locale.ROOT));
                    } else {
                        problems.add("channels.watch in " + file + " has '" + value
                                + "'; give a channel id (C0123ABCD) or a channel name (support-crm)");
                    }
                }
            } else if (!watch.isMissingNode()) {
                problems.add("channels.watch in " + file + " must be a list of channel ids or names,"
                        + " such as 'watch: [support-crm, C0123ABCD]'");
            }
        } else if (!channelsNode.isMissingNode()) {
            problems.add("channels in " + file + " must be a mapping, such as 'channels: { watch: [support-crm] }'");
        }
        return new Team(prefix, List.copyOf(channels));
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String path, Path file, List<String> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.add("unknown key '" + path + key + "' in " + file + "; known keys here: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }
}
