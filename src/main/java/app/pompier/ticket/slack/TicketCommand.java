package app.pompier.ticket.slack;

import app.pompier.language.Languages;
import app.pompier.language.Words;
import app.pompier.slack.SlackBlocks;
import app.pompier.slack.SlackText;
import app.pompier.leads.slack.LeadCommands;
import app.pompier.outage.slack.OutageListeners;
import app.pompier.qualification.slack.QualificationListeners;
import com.slack.api.bolt.App;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

import static java.util.Map.entry;

/**
 * {@code /ticket}: a subcommand per word; a typo or a missing argument gets the right syntax back, in the asker's
 * language. Sub-commands have an English name, which always works, and a French one beside it ({@link #FRENCH}).
 */
public final class TicketCommand {
    public static final String COMMAND = "/ticket";

    /**
     * The French names of the sub-commands, and of the words some of them take (a list's filter, a state, a
     * category), to the English names the code knows. English names work whatever the language, so this is the only
     * table: a name is looked up here without its accents and with {@code -} as {@code _} ({@link #plain}), so that
     * {@code priorité} and {@code priorite}, {@code non-attribués} and {@code non_attribues} are the same. The help
     * ({@code leads.help} in {@code words/pompier_fr.properties}) shows the first name of each; a test checks that
     * every name it shows is here.
     */
    static final Map<String, String> FRENCH = Map.ofEntries(
            entry("aide", "help"),
            entry("liste", "list"),
            entry("voir", "show"), entry("montrer", "show"),
            entry("qualifier", "qualify"),
            entry("prendre", "take"),
            entry("etat", "state"),
            entry("attribuer", "assign"), entry("assigner", "assign"),
            entry("priorite", "priority"),
            entry("retrograder", "downgrade"),
            entry("categorie", "category"),
            entry("confirmer", "confirm"),
            entry("rouvrir", "reopen"),
            entry("clore", "close"), entry("cloturer", "close"), entry("fermer", "close"),
            entry("pilote", "commander"),
            entry("lier", "link"),
            entry("delier", "unlink"));

    /** {@code /ticket liste ouverts|mes|p1|hors_délai|non_attribués}. */
    static final Map<String, String> FRENCH_LISTS = Map.ofEntries(
            entry("ouverts", "open"), entry("ouvert", "open"),
            entry("mes", "mine"), entry("miens", "mine"), entry("moi", "mine"),
            entry("hors_delai", "breached"), entry("depasses", "breached"), entry("en_retard", "breached"),
            entry("non_attribues", "unassigned"), entry("non_attribue", "unassigned"),
            entry("non_assignes", "unassigned"));

    /** {@code /ticket état INC-42 en_attente|en_cours|résolu}. */
    static final Map<String, String> FRENCH_STATES = Map.ofEntries(
            entry("en_attente", "waiting"), entry("attente", "waiting"),
            entry("en_cours", "in_progress"),
            entry("resolu", "resolved"));

    /** {@code /ticket catégorie INC-42 fonctionnel|interfaces|base_de_données|code|infrastructure|réseau_sécurité}. */
    static final Map<String, String> FRENCH_CATEGORIES = Map.ofEntries(
            entry("fonctionnel", "functional"),
            entry("base_de_donnees", "database"), entry("bdd", "database"),
            entry("reseau_securite", "network_security"), entry("reseau_et_securite", "network_security"));

    private final QualificationListeners qualification;
    private final TakeListeners take;
    private final StateChanges states;
    private final LeadCommands leads;
    private final OutageListeners outage;
    private final Languages languages;

    public TicketCommand(QualificationListeners qualification, TakeListeners take, StateChanges states,
                         LeadCommands leads, OutageListeners outage, Languages languages) {
        this.outage = outage;
        this.qualification = qualification;
        this.take = take;
        this.states = states;
        this.leads = leads;
        this.languages = languages;
    }

    public void register(App app) {
        app.command(COMMAND, (req, ctx) -> {
            var p = req.getPayload();
            Words say = languages.person(p.getUserId(), p.getChannelId());
            String[] words = p.getText() == null || p.getText().isBlank() ? new String[0]
                    : p.getText().trim().split("\\s+");
            String sub = words.length == 0 ? "" : english(FRENCH, words[0]).toLowerCase(Locale.ROOT);
            return switch (sub) {
                case "", "help" -> ctx.ack(say.say("leads.help"));
                case "qualify" -> {
                    if (words.length < 2) {
                        yield ctx.ack(say.say("leads.qualify.which"));
                    }
                    var problem = qualification.openDialog(p.getTeamId(), words[1], p.getUserId(), p.getTriggerId());
                    yield problem.isPresent() ? ctx.ack(problem.get()) : ctx.ack();
                }
                case "take" -> {
                    if (words.length < 2) {
                        yield ctx.ack(say.say("leads.take.which"));
                    }
                    var problem = take.take(p.getTeamId(), words[1], p.getUserId());
                    yield ctx.ack(problem.orElse(say.say("leads.take.done", "ticket",
                            words[1].toUpperCase(Locale.ROOT))));
                }
                case "list" -> ctx.ack(r -> r.responseType("ephemeral")
                        .blocks(leads.list(say, p.getTeamId(), english(FRENCH_LISTS, arg(words, 1)), p.getUserId())));
                case "show" -> {
                    var now = leads.showNow(say, p.getTeamId(), arg(words, 1), p.getUserId());
                    if (now.isPresent()) {
                        yield ctx.ack(r -> r.responseType("ephemeral").blocks(now.get()));
                    }
                    // Only Slack can say whether the ticket's channel is public: asked after the ack.
                    leads.showSoon(say, p.getTeamId(), arg(words, 1), p.getUserId(), ctx);
                    yield ctx.ack();
                }
                case "assign" -> ctx.ack(leads.assign(say, p.getTeamId(), arg(words, 1), arg(words, 2),
                        p.getUserId()));
                case "priority", "downgrade" -> ctx.ack(leads.priority(say, p.getTeamId(), arg(words, 1),
                        arg(words, 2), rest(words, 3), p.getUserId()));
                case "category" -> ctx.ack(states.category(p.getTeamId(), arg(words, 1),
                        english(FRENCH_CATEGORIES, arg(words, 2)), p.getUserId()));
                case "confirm" -> ctx.ack(leads.confirm(say, p.getTeamId(), arg(words, 1), p.getUserId()));
                case "reopen" -> ctx.ack(leads.reopen(say, p.getTeamId(), arg(words, 1), rest(words, 2),
                        p.getUserId()));
                case "state" -> ctx.ack(states.state(p.getTeamId(), arg(words, 1),
                        english(FRENCH_STATES, arg(words, 2)), p.getUserId()));
                case "close" -> ctx.ack(states.close(p.getTeamId(), arg(words, 1), p.getUserId()));
                case "commander" -> ctx.ack(states.commander(p.getTeamId(), arg(words, 1), arg(words, 2),
                        p.getUserId()));
                case "link" -> ctx.ack(outage.link(p.getTeamId(), arg(words, 1), arg(words, 2), p.getUserId()));
                case "unlink" -> ctx.ack(outage.unlink(p.getTeamId(), arg(words, 1), p.getUserId()));
                default -> ctx.ack(SlackBlocks.messageText(say.say("leads.command.unknown",
                        "typed", SlackText.escape(words[0]), "help", say.say("leads.help"))));
            };
        });
    }

    /**
     * The English name of what was typed when it is one of the French names in {@code aliases}; else what was typed,
     * as it was (English, or a typo the answer quotes back). Null stays null: a missing argument.
     */
    static String english(Map<String, String> aliases, String typed) {
        if (typed == null) {
            return null;
        }
        return aliases.getOrDefault(plain(typed.toLowerCase(Locale.ROOT)), typed);
    }

    /** "priorité" → "priorite", "non-attribués" → "non_attribues": how French names are looked up. */
    static String plain(String word) {
        return Normalizer.normalize(word, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace('-', '_');
    }

    private static String rest(String[] words, int from) {
        return words.length > from ? String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length)) : null;
    }

    private static String arg(String[] words, int i) {
        return words.length > i ? words[i] : null;
    }
}
