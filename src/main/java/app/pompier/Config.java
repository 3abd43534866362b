package app.pompier;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import app.pompier.calendar.JollydayHolidays;
import app.pompier.crisis.CrisisChannelName;
import app.pompier.crisis.CrisisSettings;
import app.pompier.ops.OpsSettings;
import app.pompier.outage.GroupingSettings;
import app.pompier.ticket.Category;
import app.pompier.ops.Components;
import app.pompier.qualification.PolicyRules;
import app.pompier.sla.BusinessCalendar;
import app.pompier.sla.BusinessDurations;
import app.pompier.sla.OpeningHours;
import app.pompier.sla.PublicHolidays;
import app.pompier.sla.ReleaseCalendar;
import app.pompier.sla.SlaPolicy;
import app.pompier.sla.SlaTarget;
import app.pompier.ticket.People;
import app.pompier.ticket.Priority;
import app.pompier.qualification.Reach;
import app.pompier.qualification.Reproducibility;
import app.pompier.store.StoreLocation;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything Pompier is told at start: secrets and deployment values from the environment, what a team
 * tunes from its YAML file. Read once, validated as a whole, so one start reports every mistake at once.
 */
public record Config(SlackApp slack, int port, StoreLocation database, String instance, Team team, String apiToken,
                     String calendarToken, boolean metricsOpen, Duration warmUp) {

    /**
     * The Slack app's credentials and where its Web API lives (GovSlack, a proxy, or a test fake). With an
     * app-level token Slack's requests come over Socket Mode; the signing secret is then needed only if
     * {@code /slack/events} is to be served too. Without one, the signing secret is required.
     */
    public record SlackApp(String botToken, String signingSecret, String apiUrl, String appToken,
                           double postsPerChannelPerSecond) {
        /** What Slack accepts of chat.postMessage in one channel: about one a second (short bursts allowed). */
        public static final double SLACKS_PACE = 1.0;

        public SlackApp(String botToken, String signingSecret, String apiUrl) {
            this(botToken, signingSecret, apiUrl, null, SLACKS_PACE);
        }

        public boolean socketMode() {
            return appToken != null;
        }

        @Override
        public String toString() {
            return "SlackApp[botToken=xoxb-…, signingSecret=" + (signingSecret == null ? "none" : "…")
                    + ", apiUrl=" + apiUrl + ", socketMode=" + socketMode() + "]";
        }
    }

    /** Never the secrets: a Config printed in a log or a failing test's message shows only whether each is set. */
    @Override
    public String toString() {
        return "Config[slack=" + slack + ", port=" + port + ", database=" + (database == null ? null : database.describe())
                + ", instance=" + instance + ", team=" + team + ", apiToken=" + (apiToken == null ? "none" : "…")
                + ", calendarToken=" + (calendarToken == null ? "none" : "…") + ", metricsOpen=" + metricsOpen
                + ", warmUp=" + warmUp + "]";
    }

    /** What a support team tunes in its config file. */
    public record Team(String ticketPrefix, List<String> watchedChannels, Roles roles, PolicyRules policy,
                       BusinessCalendar calendar, SlaPolicy sla, CrisisSettings crisis,
                       Map<String, String> routing, OpsSettings ops, GroupingSettings grouping,
                       Speech speech) {
        public static Team defaults() {
            return new Team("INC", List.of(), new Roles(null, null, null), PolicyRules.defaults(),
                    defaultCalendar(), SlaPolicy.defaults(), CrisisSettings.defaults(), Map.of(),
                    OpsSettings.defaults(), GroupingSettings.defaults(PolicyRules.defaults().essentialFunctions()),
                    Speech.defaults());
        }
    }

    /**
     * The languages the team's channels are written in.
     *
     * @param language         the team's ({@code language}: {@code fr}, {@code en}; English by default)
     * @param channelLanguages channels that speak another one ({@code channels.languages}), by channel name or id
     */
    public record Speech(String language, Map<String, String> channelLanguages) {
        public static Speech defaults() {
            return new Speech(app.pompier.language.Languages.ENGLISH, Map.of());
        }
    }

    /** Monday to Friday, 09:00–18:00 in Paris, France's public holidays: the seed's "jours ouvrés". */
    static BusinessCalendar defaultCalendar() {
        Map<DayOfWeek, List<OpeningHours>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : WEEKDAYS) {
            week.put(d, List.of(new OpeningHours(LocalTime.of(9, 0), LocalTime.of(18, 0))));
        }
        return BusinessCalendar.of(ZoneId.of("Europe/Paris"), week, JollydayHolidays.of("fr", null), Set.of());
    }

    /**
     * Who is who: Slack user groups (handle or id) for support members and leads, and the channel where
     * leads are told what needs them. Each may be null when the team has not set it.
     *
     * @param selfConfirmedP1PerHour how many P1s one reporter confirms on their own reports in an hour; past it, the
     *                               leads confirm them (0: the leads confirm every one)
     */
    public record Roles(String supportGroup, String leadGroup, String leadChannel, SlaTarget downgradeReminderAfter,
                        int selfConfirmedP1PerHour) {
        public static final int SELF_CONFIRMED_P1_PER_HOUR = 3;

        public Roles(String supportGroup, String leadGroup, String leadChannel) {
            this(supportGroup, leadGroup, leadChannel, new SlaTarget.WithinDays(1), SELF_CONFIRMED_P1_PER_HOUR);
        }
    }

    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]{0,9}");
    private static final Pattern CHANNEL_ID = Pattern.compile("[CG][A-Z0-9]{6,}");
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._\\-]{0,79}");
    private static final Pattern USER_GROUP = Pattern.compile("[a-z0-9][a-z0-9._\\-]{0,79}|S[A-Z0-9]{6,}");
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("tickets", "channels", "roles", "policy", "calendar",
            "sla", "crisis", "routing", "ops", "grouping", "language");
    private static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._-]{1,50}");
    /** What goes in a URL as it is, with nothing to percent-encode. */
    private static final Pattern URL_SECRET = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Pattern INTERVAL = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})");

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
        String appToken = optional(env, "SLACK_APP_TOKEN");
        if (appToken != null && !appToken.startsWith("xapp-")) {
            problems.add("SLACK_APP_TOKEN must be an app-level token starting with 'xapp-' (found one starting with '"
                    + appToken.substring(0, Math.min(5, appToken.length())) + "'); in your Slack app's 'Basic"
                    + " Information' page, under 'App-Level Tokens', generate one with the connections:write scope,"
                    + " or unset SLACK_APP_TOKEN to receive Slack's requests over HTTP");
        }
        // Socket Mode needs no signing secret: Slack's requests come over a connection Pompier opened itself.
        String secret = appToken != null ? optional(env, "SLACK_SIGNING_SECRET")
                : required(env, "SLACK_SIGNING_SECRET", "the signing secret from your Slack app's 'Basic Information'"
                        + " page (or set SLACK_APP_TOKEN to run in Socket Mode, without a public URL)", problems);
        String apiUrl = apiUrl(env.getOrDefault("SLACK_API_URL", DEFAULT_API_URL), problems);
        int port = port(env.getOrDefault("PORT", "3000"), problems);
        String db = env.getOrDefault("POMPIER_DB", "pompier.db").trim();
        StoreLocation database = null;
        if (db.isEmpty()) {
            problems.add("POMPIER_DB is empty; set it to the path of the SQLite file (default pompier.db) or to a"
                    + " PostgreSQL URL (postgresql://user:password@host:5432/pompier)");
        } else {
            try {
                database = StoreLocation.parse(db, optional(env, "POMPIER_DB_PASSWORD"));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        String instance = instance(env, problems);
        Team team = Team.defaults();
        String configFile = env.get("POMPIER_CONFIG");
        if (configFile != null && !configFile.isBlank()) {
            team = readTeam(Path.of(configFile.trim()), problems);
        }
        String apiToken = env.get("POMPIER_API_TOKEN");
        if (apiToken != null && !apiToken.isBlank() && apiToken.trim().length() < 16) {
            problems.add("POMPIER_API_TOKEN is shorter than 16 characters; give a long random value"
                    + " (for example: openssl rand -hex 24), or unset it to turn the JSON API off");
        }
        String calendarToken = optional(env, "POMPIER_CALENDAR_TOKEN");
        if (calendarToken != null) {
            if (calendarToken.length() < 16 || !URL_SECRET.matcher(calendarToken).matches()) {
                problems.add("POMPIER_CALENDAR_TOKEN must be 16 characters or more, letters, digits, '-', '_', '.' or"
                        + " '~' (it goes in the calendar feed's URL as it is); give a long random value (for example:"
                        + " openssl rand -hex 24), or unset it to serve the feed only with the API token as a header");
            } else if (calendarToken.equals(apiToken == null ? null : apiToken.trim())) {
                problems.add("POMPIER_CALENDAR_TOKEN is POMPIER_API_TOKEN; give the calendar feed a secret of its own:"
                        + " its URL ends up in calendar services and proxy logs, and the API token reads every"
                        + " ticket and writes the calendar");
            }
        }
        boolean metricsOpen = false;
        String metrics = optional(env, "POMPIER_METRICS_OPEN");
        if (metrics != null) {
            if (metrics.equalsIgnoreCase("true") || metrics.equalsIgnoreCase("false")) {
                metricsOpen = Boolean.parseBoolean(metrics);
            } else {
                problems.add("POMPIER_METRICS_OPEN must be true or false (found '" + metrics + "'); true serves"
                        + " /metrics without a token, false (the default) asks for POMPIER_API_TOKEN");
            }
        }
        double pace = SlackApp.SLACKS_PACE;
        String paceText = optional(env, "SLACK_POSTS_PER_CHANNEL_PER_SECOND");
        if (paceText != null) {
            try {
                pace = Double.parseDouble(paceText);
            } catch (NumberFormatException e) {
                pace = -1;
            }
            if (!(pace > 0 && pace <= 10_000)) {
                problems.add("SLACK_POSTS_PER_CHANNEL_PER_SECOND must be a number above 0 (found '" + paceText
                        + "'); leave it unset for Slack, which takes about 1 message a second in a channel");
            }
        }
        // Replicas behind a balancer warm up while the others serve, so warming costs them nothing; one process on a
        // SQLite file would only stay unready longer, and its cold first second still acks within Slack's 3 s.
        Duration warmUp = database instanceof StoreLocation.Postgres ? Duration.ofSeconds(2) : Duration.ZERO;
        String warmUpText = optional(env, "POMPIER_WARMUP_SECONDS");
        if (warmUpText != null) {
            try {
                warmUp = Duration.ofMillis(Math.round(Double.parseDouble(warmUpText) * 1000));
            } catch (NumberFormatException e) {
                warmUp = Duration.ofSeconds(-1);
            }
            if (warmUp.isNegative() || warmUp.compareTo(Duration.ofSeconds(30)) > 0) {
                problems.add("POMPIER_WARMUP_SECONDS must be a number of seconds from 0 to 30 (found '" + warmUpText
                        + "'); 0 makes a replica ready without warming intake up first, at the cost of its first"
                        + " seconds of a burst");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new Config(new SlackApp(token, secret, apiUrl, appToken, pace), port, database, instance, team,
                apiToken == null || apiToken.isBlank() ? null : apiToken.trim(), calendarToken, metricsOpen, warmUp);
    }

    /**
     * This process's name among the replicas of one database: what its claims on shared work are signed with, so
     * that at start it takes back only what its own previous run left. Stable across restarts (the host name by
     * default, as a container or a Kubernetes pod of a StatefulSet keeps it) and unique among live replicas.
     */
    private static String instance(Map<String, String> env, List<String> problems) {
        String given = optional(env, "POMPIER_INSTANCE");
        String name = given != null ? given : hostName();
        if (!INSTANCE.matcher(name).matches()) {
            problems.add("POMPIER_INSTANCE " + (given != null ? "is '" + given + "'"
                    : "is not set and the host name '" + name + "' cannot stand in for it")
                    + "; give each replica a name of up to 50 letters, digits, dots, dashes or underscores,"
                    + " unique among the replicas of one database and kept across its restarts (pompier-1)");
        }
        return name;
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "pompier";
            }
        }
        return host.length() > 50 ? host.substring(0, 50) : host;
    }

    private static String optional(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
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
        ConfigFile top = new ConfigFile(root, "", file, problems);
        top.onlyKeys(TOP_LEVEL_KEYS);
        Team defaults = Team.defaults();

        ConfigFile tickets = top.section("tickets", Set.of("prefix"));
        String prefix = tickets.text("prefix").filter(p -> {
            boolean ok = PREFIX.matcher(p).matches();
            if (!ok) {
                tickets.problem("prefix", "is '" + p + "'; it must be 1 to 10 capital letters or digits starting"
                        + " with a letter, such as INC");
            }
            return ok;
        }).orElse(defaults.ticketPrefix());

        String language = top.text("language").map(l -> l.trim().toLowerCase(Locale.ROOT)).filter(l -> {
            boolean ok = app.pompier.language.Languages.exists(l);
            if (!ok) {
                top.problem("language", "is '" + l + "'; Pompier speaks fr and en (a language is one file,"
                        + " words/pompier_<code>.properties)");
            }
            return ok;
        }).orElse(defaults.speech().language());
        ConfigFile channels = top.section("channels", Set.of("watch", "languages"));
        List<String> watched = new ArrayList<>();
        for (String value : channels.texts("watch").orElse(List.of())) {
            channel(value).ifPresentOrElse(watched::add, () -> channels.problem("watch",
                    "has '" + value + "'; give a channel id (C0123ABCD) or a channel name (support-crm)"));
        }

        ConfigFile languages = channels.section("languages", channels.keysOf("languages"));
        Map<String, String> channelLanguages = new java.util.LinkedHashMap<>();
        for (String name : channels.keysOf("languages")) {
            languages.text(name).map(l -> l.trim().toLowerCase(Locale.ROOT)).ifPresent(l -> {
                if (channel(name).isEmpty()) {
                    languages.problem(name, "is not a channel; give a channel id (C0123ABCD) or name (support-crm)");
                } else if (!app.pompier.language.Languages.exists(l)) {
                    languages.problem(name, "is '" + l + "'; Pompier speaks fr and en");
                } else {
                    channelLanguages.put(channel(name).get(), l);
                }
            });
        }

        ConfigFile roles = top.section("roles", Set.of("support_group", "lead_group", "lead_channel",
                "downgrade_reminder_after", "self_confirmed_p1_per_hour"));
        Roles teamRoles = new Roles(
                roles.text("support_group").map(g -> userGroup(roles, "support_group", g)).orElse(null),
                roles.text("lead_group").map(g -> userGroup(roles, "lead_group", g)).orElse(null),
                roles.text("lead_channel").flatMap(c -> {
                    Optional<String> ok = channel(c);
                    if (ok.isEmpty()) {
                        roles.problem("lead_channel", "is '" + c + "'; give a channel id or name");
                    }
                    return ok;
                }).orElse(null),
                roles.choice("downgrade_reminder_after", BusinessDurations::target, "a business duration such as"
                        + " 4h or 1d").filter(t -> t instanceof SlaTarget.Within || t instanceof SlaTarget.WithinDays)
                        .orElse(new SlaTarget.WithinDays(1)),
                roles.choice("self_confirmed_p1_per_hour", n -> {
                    int perHour = Integer.parseInt(n.trim());
                    if (perHour < 0 || perHour > 1000) {
                        throw new IllegalArgumentException();
                    }
                    return perHour;
                }, "a number of P1s from 0 to 1000 (0: the leads confirm every P1 a reporter gives their own report)")
                        .orElse(Roles.SELF_CONFIRMED_P1_PER_HOUR));

        ConfigFile policy = top.section("policy", Set.of("essential_functions", "p1_minimum_reach",
                "p2_requires_workaround", "reproducible_when"));
        PolicyRules rules = PolicyRules.defaults();
        List<String> essentials = policy.texts("essential_functions").orElse(rules.essentialFunctions()).stream()
                .filter(f -> !f.isBlank()).toList();
        if (essentials.isEmpty()) {
            policy.problem("essential_functions", "is empty; list the functions whose loss is a P1, such as"
                    + " [log in, search]");
        }
        String reaches = "one_user, several_users, team_or_site, all_customers";
        Reach minimumReach = policy.choice("p1_minimum_reach", Reach::fromCode, reaches)
                .orElse(rules.p1MinimumReach());
        Set<Reproducibility> reproducible = new java.util.HashSet<>();
        for (String r : policy.texts("reproducible_when").orElse(
                rules.reproducibleWhen().stream().map(Reproducibility::code).toList())) {
            try {
                reproducible.add(Reproducibility.fromCode(r));
            } catch (IllegalArgumentException e) {
                policy.problem("reproducible_when", "has '" + r + "'; expected always, sometimes or once");
            }
        }
        List<String> functions = essentials.isEmpty() ? rules.essentialFunctions() : essentials;
        return new Team(prefix, List.copyOf(watched), teamRoles,
                new PolicyRules(functions, minimumReach,
                        policy.flag("p2_requires_workaround", rules.p2RequiresWorkaround()),
                        reproducible.isEmpty() ? rules.reproducibleWhen() : reproducible),
                readCalendar(top.section("calendar", Set.of("time_zone", "always_open", "hours", "holidays",
                        "closed_days"))),
                readSla(top.section("sla", Set.of("take_in", "resolution", "releases", "reminders"))),
                readCrisis(top.section("crisis", Set.of("channel_template", "invite", "commander", "status_every",
                        "stakeholder_channel"))),
                readRouting(top.section("routing", Set.of("categories"))),
                readOps(top.section("ops", Set.of("channel", "announce_days_before", "components", "owners"))),
                readGrouping(top.section("grouping", Set.of("enabled", "threshold", "window", "probable_p1_reports",
                        "many_reporters")), functions),
                new Speech(language, Map.copyOf(channelLanguages)));
    }

    private static GroupingSettings readGrouping(ConfigFile grouping, List<String> essentialFunctions) {
        GroupingSettings d = GroupingSettings.defaults(essentialFunctions);
        double threshold = grouping.choice("threshold", t -> {
            double v = Double.parseDouble(t);
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException();
            }
            return v;
        }, "a number above 0 and at most 1, such as 0.5 (higher groups fewer reports)").orElse(d.threshold());
        Duration window = grouping.choice("window", BusinessDurations::duration, "a duration such as 30m or 2h")
                .orElse(d.window());
        int probable = grouping.choice("probable_p1_reports", Config::atLeastTwo, "a number of people, 2 or more")
                .orElse(d.probableP1Reports());
        int many = grouping.choice("many_reporters", Config::atLeastTwo, "a number of people, 2 or more")
                .orElse(d.manyReporters());
        return new GroupingSettings(grouping.flag("enabled", d.enabled()), threshold, window, probable, many,
                essentialFunctions);
    }

    private static int atLeastTwo(String text) {
        int n = Integer.parseInt(text.trim());
        if (n < 2 || n > 100_000) {
            throw new IllegalArgumentException();
        }
        return n;
    }

    private static OpsSettings readOps(ConfigFile ops) {
        String channel = ops.text("channel").flatMap(c -> {
            Optional<String> ok = channel(c);
            if (ok.isEmpty()) {
                ops.problem("channel", "is '" + c + "'; give a channel id or name");
            }
            return ok;
        }).orElse(null);
        int days = ops.choice("announce_days_before", d -> {
            int n = Integer.parseInt(d);
            if (n < 0 || n > 60) {
                throw new IllegalArgumentException();
            }
            return n;
        }, "a number of days from 0 to 60").orElse(3);
        Map<String, List<String>> components = new java.util.LinkedHashMap<>();
        ConfigFile section = ops.section("components", ops.keysOf("components"));
        for (String key : ops.keysOf("components")) {
            if (!key.matches("[a-z][a-z0-9_]{0,39}")) {
                section.problem(key, "is not a component key; use lowercase letters, digits and _, such as customer_portal");
                continue;
            }
            components.put(key, section.texts(key).orElse(List.of()).stream().filter(a -> !a.isBlank()).toList());
        }
        List<String> owners = new ArrayList<>();
        for (String owner : ops.texts("owners").orElse(List.of())) {
            if (People.isPerson(owner)) {
                owners.add(owner);
            } else {
                String group = owner.startsWith("@") ? owner.substring(1) : owner;
                if (USER_GROUP.matcher(group).matches()) {
                    owners.add(group);
                } else {
                    ops.problem("owners", "has '" + owner + "'; give Slack user ids (U0123ABCD: profile > ⋮ > Copy"
                            + " member ID) or user groups (ops-team, or an id such as S0123ABCD)");
                }
            }
        }
        return new OpsSettings(channel, days, new Components(components), owners);
    }

    private static Map<String, String> readRouting(ConfigFile routing) {
        ConfigFile categories = routing.section("categories", Set.copyOf(Category.codes()));
        Map<String, String> teams = new java.util.LinkedHashMap<>();
        for (String category : Category.codes()) {
            categories.text(category).ifPresent(group -> {
                String id = userGroup(categories, category, group);
                if (id != null) {
                    teams.put(category, id);
                }
            });
        }
        return Map.copyOf(teams);
    }

    private static CrisisSettings readCrisis(ConfigFile crisis) {
        CrisisSettings defaults = CrisisSettings.defaults();
        String template = crisis.text("channel_template").orElse(defaults.channelTemplate());
        if (!template.contains("{id}")) {
            crisis.problem("channel_template", "is '" + template + "'; it must contain {id} (and may contain {slug}),"
                    + " such as " + CrisisChannelName.DEFAULT_TEMPLATE);
        }
        List<String> invite = new ArrayList<>();
        for (String user : crisis.texts("invite").orElse(List.of())) {
            if (People.isPerson(user)) {
                invite.add(user);
            } else {
                crisis.problem("invite", "has '" + user + "'; give Slack user ids such as U0123ABCD (profile >"
                        + " ⋮ > Copy member ID); the lead group is invited anyway");
            }
        }
        String commander = crisis.text("commander").filter(c -> {
            boolean ok = People.isPerson(c);
            if (!ok) {
                crisis.problem("commander", "is '" + c + "'; give a Slack user id such as U0123ABCD");
            }
            return ok;
        }).orElse(null);
        Duration every = crisis.choice("status_every", BusinessDurations::duration, "a duration such as 30m or 1h")
                .orElse(defaults.statusEvery());
        String stakeholders = crisis.text("stakeholder_channel").flatMap(c -> {
            Optional<String> ok = channel(c);
            if (ok.isEmpty()) {
                crisis.problem("stakeholder_channel", "is '" + c + "'; give a channel id or name");
            }
            return ok;
        }).orElse(null);
        return new CrisisSettings(template, invite, commander, every, stakeholders);
    }

    private static BusinessCalendar readCalendar(ConfigFile calendar) {
        if (calendar.isEmpty()) {
            return defaultCalendar();
        }
        ZoneId zone = ZoneId.of("Europe/Paris");
        Optional<String> zoneName = calendar.text("time_zone");
        if (zoneName.isPresent()) {
            try {
                zone = ZoneId.of(zoneName.get());
            } catch (java.time.DateTimeException e) {
                calendar.problem("time_zone", "is '" + zoneName.get() + "'; give a time zone id such as"
                        + " Europe/Paris or America/Montreal");
            }
        }
        if (calendar.flag("always_open", false)) {
            return BusinessCalendar.alwaysOpen(zone);
        }
        Set<String> dayKeys = new java.util.TreeSet<>(List.of("weekdays", "monday", "tuesday", "wednesday",
                "thursday", "friday", "saturday", "sunday"));
        ConfigFile hours = calendar.section("hours", dayKeys);
        Map<DayOfWeek, List<OpeningHours>> week = new EnumMap<>(DayOfWeek.class);
        boolean hoursGiven = !hours.isEmpty();
        if (!hoursGiven) {
            for (DayOfWeek d : WEEKDAYS) {
                week.put(d, List.of(new OpeningHours(LocalTime.of(9, 0), LocalTime.of(18, 0))));
            }
        }
        hours.texts("weekdays").ifPresent(list -> WEEKDAYS.forEach(d -> week.put(d, intervals(hours, "weekdays",
                list))));
        for (DayOfWeek d : DayOfWeek.values()) {
            String key = d.name().toLowerCase(Locale.ROOT);
            hours.texts(key).ifPresent(list -> week.put(d, intervals(hours, key, list)));
        }
        ConfigFile holidays = calendar.section("holidays", Set.of("country", "region"));
        PublicHolidays publicHolidays = PublicHolidays.NONE;
        String country = holidays.text("country").orElse(holidays.isEmpty() ? "fr" : null);
        if (country != null && !country.isBlank() && !country.equalsIgnoreCase("none")) {
            try {
                publicHolidays = JollydayHolidays.of(country, holidays.text("region").orElse(null));
            } catch (IllegalArgumentException e) {
                holidays.problem(holidays.text("region").isPresent() ? "region" : "country", e.getMessage());
            }
        }
        Set<LocalDate> closed = new java.util.HashSet<>();
        for (String day : calendar.texts("closed_days").orElse(List.of())) {
            try {
                closed.add(LocalDate.parse(day));
            } catch (java.time.format.DateTimeParseException e) {
                calendar.problem("closed_days", "has '" + day + "'; write dates like 2026-12-24");
            }
        }
        try {
            return BusinessCalendar.of(zone, week, publicHolidays, closed);
        } catch (IllegalArgumentException e) {
            hours.problem("", e.getMessage());
            return defaultCalendar();
        }
    }

    private static List<OpeningHours> intervals(ConfigFile hours, String key, List<String> texts) {
        List<OpeningHours> intervals = new ArrayList<>();
        for (String text : texts) {
            Matcher m = INTERVAL.matcher(text);
            if (!m.matches()) {
                hours.problem(key, "has '" + text + "'; write opening hours like 09:00-12:30");
                continue;
            }
            try {
                LocalTime start = LocalTime.parse(pad(m.group(1)));
                LocalTime end = m.group(2).equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(pad(m.group(2)));
                intervals.add(new OpeningHours(start, end));
            } catch (java.time.DateTimeException | IllegalArgumentException e) {
                hours.problem(key, "has '" + text + "', which is not a valid interval (" + e.getMessage()
                        + "); write opening hours like 09:00-12:30, the end after the start");
            }
        }
        return intervals;
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static SlaPolicy readSla(ConfigFile sla) {
        SlaPolicy defaults = SlaPolicy.defaults();
        if (sla.isEmpty()) {
            return defaults;
        }
        Set<String> priorities = Set.of("P1", "P2", "P3");
        Map<Priority, SlaTarget> takeIn = targets(sla.section("take_in", priorities), defaults.takeIn());
        Map<Priority, SlaTarget> resolution = targets(sla.section("resolution", priorities), defaults.resolution());
        ConfigFile releases = sla.section("releases", Set.of("day", "at"));
        DayOfWeek day = releases.choice("day", d -> DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT)),
                "monday … sunday").orElse(defaults.releases().day());
        LocalTime at = releases.choice("at", t -> {
            try {
                return LocalTime.parse(pad(t));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        }, "a time such as 10:00").orElse(defaults.releases().at());
        List<Integer> reminders = new ArrayList<>();
        for (String r : sla.texts("reminders").orElse(defaults.remindAtPercentLeft().stream()
                .map(String::valueOf).toList())) {
            try {
                int percent = Integer.parseInt(r.replace("%", "").trim());
                if (percent <= 0 || percent >= 100) {
                    throw new NumberFormatException();
                }
                reminders.add(percent);
            } catch (NumberFormatException e) {
                sla.problem("reminders", "has '" + r + "'; give percentages of the target left, between 1 and 99,"
                        + " such as [50, 25, 10] (a reminder at breach always follows)");
            }
        }
        reminders.sort(java.util.Comparator.reverseOrder());
        return new SlaPolicy(takeIn, resolution, new ReleaseCalendar(day, at),
                reminders.stream().distinct().toList());
    }

    private static Map<Priority, SlaTarget> targets(ConfigFile section, Map<Priority, SlaTarget> defaults) {
        Map<Priority, SlaTarget> targets = new EnumMap<>(Priority.class);
        targets.putAll(defaults);
        for (Priority p : Priority.values()) {
            section.text(p.name()).ifPresent(text -> {
                try {
                    targets.put(p, BusinessDurations.target(text));
                } catch (IllegalArgumentException e) {
                    section.problem(p.name(), "is '" + text + "'; give a business duration such as 1h, 30m or"
                            + " 10d, or next_release, or none");
                }
            });
        }
        return targets;
    }

    /** A channel as the config names it: an id as is, a name in lower case without '#'. */
    private static Optional<String> channel(String value) {
        String name = value.startsWith("#") ? value.substring(1) : value;
        if (CHANNEL_ID.matcher(name).matches()) {
            return Optional.of(name);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return CHANNEL_NAME.matcher(lower).matches() ? Optional.of(lower) : Optional.empty();
    }

    private static String userGroup(ConfigFile section, String key, String value) {
        String handle = value.startsWith("@") ? value.substring(1) : value;
        if (!USER_GROUP.matcher(handle).matches()) {
            section.problem(key, "is '" + value + "'; give a user group handle (support-team) or id (S0123ABCD)");
            return null;
        }
        return handle;
    }
}
