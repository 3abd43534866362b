package app.pompier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigTest {
    @TempDir
    Path folder;

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-1-2-abc");
        env.put("SLACK_SIGNING_SECRET", "secret");
        return env;
    }

    Path yaml(String text) throws IOException {
        Path file = folder.resolve("pompier.yaml");
        Files.writeString(file, text);
        return file;
    }

    String problemsOf(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> Config.load(env)).getMessage();
    }

    @Test
    void defaults_apply_when_only_the_secrets_are_set() {
        Config config = Config.load(env());
        assertEquals(3000, config.port());
        assertEquals("https://slack.com/api/", config.slack().apiUrl());
        assertEquals(new app.pompier.store.StoreLocation.SqliteFile(Path.of("pompier.db")), config.database());
        assertEquals("INC", config.team().ticketPrefix());
        assertEquals(List.of(), config.team().watchedChannels());
    }

    @Test
    void a_postgresql_url_selects_postgresql_with_its_credentials_out_of_the_url() {
        Map<String, String> env = env();
        env.put("POMPIER_DB", "postgresql://pompier:s%40cret@db.internal:5433/support?sslmode=require");
        var pg = assertInstanceOf(app.pompier.store.StoreLocation.Postgres.class, Config.load(env).database());
        assertEquals("jdbc:postgresql://db.internal:5433/support?sslmode=require", pg.jdbcUrl());
        assertEquals("pompier", pg.user());
        assertEquals("s@cret", pg.password());
        assertTrue(!pg.describe().contains("cret"), "the password is never shown: " + pg.describe());

        env.put("POMPIER_DB", "jdbc:postgresql://db.internal/support?user=pompier");
        env.put("POMPIER_DB_PASSWORD", "from-the-secret-store");
        pg = assertInstanceOf(app.pompier.store.StoreLocation.Postgres.class, Config.load(env).database());
        assertEquals("jdbc:postgresql://db.internal/support?user=pompier", pg.jdbcUrl());
        assertEquals("from-the-secret-store", pg.password());
    }

    @Test
    void a_database_url_pompier_cannot_use_is_named_with_how_to_write_one() {
        Map<String, String> env = env();
        env.put("POMPIER_DB", "mysql://root:pw@db/pompier");
        String message = problemsOf(env);
        assertTrue(message.contains("a database Pompier does not know"), message);
        assertTrue(message.contains("postgresql://user:password@host:5432/pompier"), message);
        assertTrue(!message.contains("pw@"), "the password is never shown: " + message);
        env.put("POMPIER_DB", "postgresql://pompier@db.internal:5432/");
        assertTrue(problemsOf(env).contains("POMPIER_DB names no database"), problemsOf(env));
    }

    @Test
    void replicas_on_postgresql_warm_up_two_seconds_a_sqlite_process_none_unless_told() {
        Map<String, String> env = env();
        assertEquals(java.time.Duration.ZERO, Config.load(env).warmUp());
        env.put("POMPIER_DB", "postgresql://pompier@db.internal:5432/pompier");
        assertEquals(java.time.Duration.ofSeconds(2), Config.load(env).warmUp());
        env.put("POMPIER_WARMUP_SECONDS", "0");
        assertEquals(java.time.Duration.ZERO, Config.load(env).warmUp());
        env.remove("POMPIER_DB");
        env.put("POMPIER_WARMUP_SECONDS", "1.5");
        assertEquals(java.time.Duration.ofMillis(1500), Config.load(env).warmUp());
        env.put("POMPIER_WARMUP_SECONDS", "a while");
        assertTrue(problemsOf(env).contains("POMPIER_WARMUP_SECONDS must be a number of seconds from 0 to 30"),
                problemsOf(env));
    }

    @Test
    void each_replica_has_a_name_of_its_own() {
        Map<String, String> env = env();
        env.put("POMPIER_INSTANCE", "pompier-2");
        assertEquals("pompier-2", Config.load(env).instance());
        env.put("POMPIER_INSTANCE", "pompier 2!");
        assertTrue(problemsOf(env).contains("POMPIER_INSTANCE is 'pompier 2!'"), problemsOf(env));
    }

    @Test
    void a_missing_bot_token_is_named_with_where_to_find_it() {
        Map<String, String> env = env();
        env.remove("SLACK_BOT_TOKEN");
        String message = problemsOf(env);
        assertTrue(message.contains("SLACK_BOT_TOKEN is not set"), message);
        assertTrue(message.contains("OAuth & Permissions"), message);
    }

    @Test
    void every_problem_is_reported_at_once() {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", "eighty");
        env.put("SLACK_API_URL", "slack dot com");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(env));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("SLACK_SIGNING_SECRET is not set"));
        assertTrue(e.getMessage().contains("PORT is 'eighty'"));
        assertTrue(e.getMessage().contains("SLACK_API_URL is 'slack dot com'"));
    }

    @Test
    void a_user_token_instead_of_a_bot_token_is_refused() {
        Map<String, String> env = env();
        env.put("SLACK_BOT_TOKEN", "xoxp-123");
        assertTrue(problemsOf(env).contains("must be a bot token starting with 'xoxb-'"));
    }

    @Test
    void the_calendar_token_is_a_long_url_safe_secret_of_its_own() {
        Map<String, String> env = env();
        assertEquals(null, Config.load(env).calendarToken(), "without it the feed wants the API token as a header");
        env.put("POMPIER_CALENDAR_TOKEN", "calendar-0123456789abcdef");
        env.put("POMPIER_API_TOKEN", "api-token-0123456789abcdef");
        Config config = Config.load(env);
        assertEquals("calendar-0123456789abcdef", config.calendarToken());
        assertTrue(!config.toString().contains("0123456789"), "no secret in a printed config: " + config);

        env.put("POMPIER_CALENDAR_TOKEN", "short");
        assertTrue(problemsOf(env).contains("POMPIER_CALENDAR_TOKEN must be 16 characters or more"), problemsOf(env));
        env.put("POMPIER_CALENDAR_TOKEN", "has spaces and & 0123456789");
        assertTrue(problemsOf(env).contains("it goes in the calendar feed's URL as it is"), problemsOf(env));
        env.put("POMPIER_CALENDAR_TOKEN", "api-token-0123456789abcdef");
        assertTrue(problemsOf(env).contains("POMPIER_CALENDAR_TOKEN is POMPIER_API_TOKEN; give the calendar feed a"
                + " secret of its own"), problemsOf(env));
    }

    @Test
    void the_ops_owners_are_people_and_user_groups() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("""
                ops:
                  owners: [U0OPS0001, "@ops-team", S0OPS0001]
                """).toString());
        assertEquals(List.of("U0OPS0001", "ops-team", "S0OPS0001"), Config.load(env).team().ops().owners());
        assertEquals(List.of(), Config.load(env()).team().ops().owners(), "none by default: the leads only");

        env.put("POMPIER_CONFIG", yaml("ops: { owners: [\"#ops-calendar\"] }\n").toString());
        String problems = problemsOf(env);
        assertTrue(problems.contains("ops.owners in ") && problems.contains("has '#ops-calendar'; give Slack user ids"),
                problems);
    }

    @Test
    void the_number_of_p1s_a_reporter_confirms_in_an_hour_is_three_unless_told() throws IOException {
        assertEquals(3, Config.load(env()).team().roles().selfConfirmedP1PerHour());
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("roles: { self_confirmed_p1_per_hour: 0 }\n").toString());
        assertEquals(0, Config.load(env).team().roles().selfConfirmedP1PerHour());
        env.put("POMPIER_CONFIG", yaml("roles: { self_confirmed_p1_per_hour: many }\n").toString());
        String problems = problemsOf(env);
        assertTrue(problems.contains("self_confirmed_p1_per_hour") && problems.contains("a number of P1s from 0 to 1000"),
                problems);
    }

    @Test
    void the_api_url_gets_its_trailing_slash() {
        Map<String, String> env = env();
        env.put("SLACK_API_URL", "https://slack-gov.com/api");
        assertEquals("https://slack-gov.com/api/", Config.load(env).slack().apiUrl());
    }

    @Test
    void the_team_file_sets_prefix_and_watched_channels() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("""
                tickets:
                  prefix: SUP
                channels:
                  watch: ["#Support-CRM", C0123ABCD]
                """).toString());
        Config config = Config.load(env);
        assertEquals("SUP", config.team().ticketPrefix());
        assertEquals(List.of("support-crm", "C0123ABCD"), config.team().watchedChannels());
    }

    @Test
    void the_example_config_shipped_in_the_repository_loads() {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", "config/pompier.example.yaml");
        Config config = Config.load(env);
        assertEquals("INC", config.team().ticketPrefix());
        assertEquals("fr", config.team().speech().language());
    }

    @Test
    void a_team_speaks_english_unless_its_file_names_french_and_a_channel_may_speak_the_other() throws IOException {
        assertEquals("en", Config.load(env()).team().speech().language());
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("language: FR\nchannels:\n  watch: [support-crm, support-uk]\n"
                + "  languages:\n    support-uk: en\n").toString());
        Config config = Config.load(env);
        assertEquals("fr", config.team().speech().language());
        assertEquals(Map.of("support-uk", "en"), config.team().speech().channelLanguages());
    }

    @Test
    void a_language_pompier_does_not_speak_is_named_with_those_it_does() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("language: de\nchannels:\n  languages:\n    support-uk: english\n")
                .toString());
        String message = problemsOf(env);
        assertTrue(message.contains("language in ") && message.contains("is 'de'; Pompier speaks fr and en"), message);
        assertTrue(message.contains("support-uk") && message.contains("is 'english'; Pompier speaks fr and en"),
                message);
    }

    @Test
    void a_misspelt_key_is_named_with_the_keys_that_exist() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("chanels:\n  watch: [support]\n").toString());
        String message = problemsOf(env);
        assertTrue(message.contains("unknown key 'chanels'"), message);
        assertTrue(message.matches("(?s).*known keys here: [a-z_, ]*\\bchannels\\b.*"), message);
    }

    @Test
    void an_invalid_prefix_says_what_a_prefix_looks_like() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("tickets: { prefix: inc-42 }\n").toString());
        assertTrue(problemsOf(env).contains("tickets.prefix"));
    }

    @Test
    void broken_yaml_is_reported_with_its_line() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("tickets:\n  prefix: [INC\n").toString());
        String message = problemsOf(env);
        assertTrue(message.contains("is not valid YAML"), message);
        assertTrue(message.contains("line"), message);
    }

    @Test
    void a_config_file_that_does_not_exist_is_named() {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", folder.resolve("nope.yaml").toString());
        assertTrue(problemsOf(env).contains("POMPIER_CONFIG"));
    }

    @Test
    void policy_and_roles_are_read_with_the_seeds_rules_as_defaults() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("""
                roles:
                  support_group: "@support-l1"
                  lead_group: S0LEADS01
                  lead_channel: "#support-leads"
                policy:
                  essential_functions: [se connecter, rechercher un bien]
                  p1_minimum_reach: several_users
                  p2_requires_workaround: true
                """).toString());
        Config.Team team = Config.load(env).team();
        assertEquals(new Config.Roles("support-l1", "S0LEADS01", "support-leads"), team.roles());
        assertEquals(List.of("se connecter", "rechercher un bien"), team.policy().essentialFunctions());
        assertEquals(app.pompier.qualification.Reach.SEVERAL_USERS, team.policy().p1MinimumReach());
        assertTrue(team.policy().p2RequiresWorkaround());
        assertEquals(app.pompier.qualification.PolicyRules.defaults().reproducibleWhen(),
                team.policy().reproducibleWhen());
    }

    @Test
    void a_wrong_policy_value_names_the_key_and_the_allowed_values() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("""
                policy:
                  p1_minimum_reach: everybody
                  p2_requires_workaround: maybe
                  reproducible_when: [always, never]
                """).toString());
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(env));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("policy.p1_minimum_reach"), e.getMessage());
        assertTrue(e.getMessage().contains("one_user, several_users, team_or_site, all_customers"));
        assertTrue(e.getMessage().contains("policy.p2_requires_workaround"));
        assertTrue(e.getMessage().contains("'never'"));
    }

    @Test
    void a_quebec_calendar_and_sla_targets_are_read() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("""
                calendar:
                  time_zone: America/Montreal
                  hours:
                    weekdays: ["8:30-12:00", "13:00-17:00"]
                    friday: ["8:30-12:00"]
                  holidays: { country: ca, region: qc }
                  closed_days: [2026-12-24]
                sla:
                  take_in: { P1: 30m, P2: 5d }
                  resolution: { P1: 8h }
                  releases: { day: thursday, at: "14:00" }
                  reminders: [25, 75]
                """).toString());
        Config.Team team = Config.load(env).team();
        var calendar = team.calendar();
        assertEquals(java.time.ZoneId.of("America/Montreal"), calendar.zone());
        assertTrue(!calendar.isOpenDay(java.time.LocalDate.of(2026, 6, 24)), "Saint-Jean-Baptiste");
        assertTrue(!calendar.isOpenDay(java.time.LocalDate.of(2026, 12, 24)), "extra closed day");
        assertEquals(new app.pompier.sla.SlaTarget.Within(java.time.Duration.ofMinutes(30)),
                team.sla().target(app.pompier.sla.SlaGoal.TAKE_IN, app.pompier.ticket.Priority.P1));
        assertEquals(new app.pompier.sla.SlaTarget.WithinDays(5),
                team.sla().target(app.pompier.sla.SlaGoal.TAKE_IN, app.pompier.ticket.Priority.P2));
        assertEquals(new app.pompier.sla.SlaTarget.NextRelease(),
                team.sla().target(app.pompier.sla.SlaGoal.RESOLUTION, app.pompier.ticket.Priority.P2));
        assertEquals(java.time.DayOfWeek.THURSDAY, team.sla().releases().day());
        assertEquals(List.of(75, 25), team.sla().remindAtPercentLeft());
    }

    @Test
    void an_invalid_calendar_stops_the_start_with_precise_messages() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("""
                calendar:
                  time_zone: Europe/Lutece
                  hours:
                    monday: ["09:00-13:00", "12:30-18:00"]
                    tuesday: ["18:00-09:00"]
                    wednesday: ["nine to five"]
                  holidays: { country: ca, region: zz }
                sla:
                  take_in: { P1: soon }
                """).toString());
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(env));
        String message = e.getMessage();
        assertTrue(message.contains("calendar.time_zone"), message);
        assertTrue(message.contains("region 'zz' is not a region of 'ca'; known: ab, bc"), message);
        assertTrue(message.matches("(?s).*calendar.hours.tuesday in .* has '18:00-09:00'.*end before they start.*"),
                message);
        assertTrue(message.matches("(?s).*calendar.hours.wednesday in .* has 'nine to five'.*"), message);
        assertTrue(message.matches("(?s).*sla.take_in.P1 in .* is 'soon'; give a business duration.*"), message);
        assertEquals(6, e.problems().size());
    }

    @Test
    void overlapping_opening_hours_are_named() throws IOException {
        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("calendar:\n  hours:\n    monday: [\"09:00-13:00\", \"12:30-18:00\"]\n")
                .toString());
        String message = problemsOf(env);
        assertTrue(message.contains("calendar.hours in"), message);
        assertTrue(message.contains("overlap: 09:00-13:00 and 12:30-18:00"), message);
    }

    @Test
    void an_app_token_selects_socket_mode_and_makes_the_signing_secret_optional() {
        Map<String, String> env = env();
        env.remove("SLACK_SIGNING_SECRET");
        env.put("SLACK_APP_TOKEN", "xapp-1-A0-1-abc");
        Config config = Config.load(env);
        assertTrue(config.slack().socketMode());
        assertEquals(null, config.slack().signingSecret());
        assertTrue(!config.slack().toString().contains("xapp-1"), config.slack().toString());
    }

    @Test
    void without_an_app_token_the_signing_secret_is_required_and_socket_mode_is_named() {
        Map<String, String> env = env();
        env.remove("SLACK_SIGNING_SECRET");
        String message = problemsOf(env);
        assertTrue(message.contains("SLACK_SIGNING_SECRET is not set") && message.contains("SLACK_APP_TOKEN"), message);
    }

    @Test
    void a_bot_token_given_as_app_token_is_named_with_where_to_get_the_right_one() {
        Map<String, String> env = env();
        env.put("SLACK_APP_TOKEN", "xoxb-1-2-abc");
        String message = problemsOf(env);
        assertTrue(message.contains("SLACK_APP_TOKEN must be an app-level token starting with 'xapp-'"), message);
        assertTrue(message.contains("connections:write"), message);
    }

    @Test
    void metrics_are_behind_the_token_unless_opened_with_true_or_false_only() {
        assertTrue(!Config.load(env()).metricsOpen());
        Map<String, String> env = env();
        env.put("POMPIER_METRICS_OPEN", "TRUE");
        assertTrue(Config.load(env).metricsOpen());
        env.put("POMPIER_METRICS_OPEN", "yes");
        String message = problemsOf(env);
        assertTrue(message.contains("POMPIER_METRICS_OPEN must be true or false (found 'yes')"), message);
    }

    @Test
    void grouping_is_on_by_default_and_its_thresholds_are_read_and_checked() throws IOException {
        var defaults = Config.load(env()).team().grouping();
        assertTrue(defaults.enabled());
        assertEquals(0.5, defaults.threshold());
        assertEquals(java.time.Duration.ofHours(2), defaults.window());
        assertEquals(List.of("log in", "search", "reach the back office", "create the core business object"),
                defaults.essentialFunctions());

        Map<String, String> env = env();
        env.put("POMPIER_CONFIG", yaml("""
                policy: { essential_functions: [log in, pay] }
                grouping: { threshold: 0.7, window: 45m, probable_p1_reports: 20, many_reporters: 5 }
                """).toString());
        var grouping = Config.load(env).team().grouping();
        assertEquals(0.7, grouping.threshold());
        assertEquals(java.time.Duration.ofMinutes(45), grouping.window());
        assertEquals(20, grouping.probableP1Reports());
        assertEquals(5, grouping.manyReporters());
        assertEquals(List.of("log in", "pay"), grouping.essentialFunctions());

        env.put("POMPIER_CONFIG", yaml("""
                grouping: { enabled: perhaps, threshold: 2, window: soon, probable_p1_reports: 1 }
                """).toString());
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(env));
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("grouping.threshold"), e.getMessage());
        assertTrue(e.getMessage().contains("a number above 0 and at most 1"), e.getMessage());
        assertTrue(e.getMessage().contains("grouping.window"), e.getMessage());
        assertTrue(e.getMessage().contains("grouping.probable_p1_reports"), e.getMessage());
    }

    @Test
    void the_pace_of_posts_per_channel_is_slacks_unless_a_number_is_given() {
        assertEquals(1.0, Config.load(env()).slack().postsPerChannelPerSecond());
        Map<String, String> env = env();
        env.put("SLACK_POSTS_PER_CHANNEL_PER_SECOND", "50");
        assertEquals(50.0, Config.load(env).slack().postsPerChannelPerSecond());
        env.put("SLACK_POSTS_PER_CHANNEL_PER_SECOND", "fast");
        String message = problemsOf(env);
        assertTrue(message.contains("SLACK_POSTS_PER_CHANNEL_PER_SECOND must be a number above 0 (found 'fast')"),
                message);
    }
}
