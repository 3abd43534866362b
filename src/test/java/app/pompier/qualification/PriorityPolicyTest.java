package app.pompier.qualification;

import app.pompier.language.Languages;
import app.pompier.language.Phrase;
import app.pompier.language.Words;
import app.pompier.ticket.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriorityPolicyTest {
    static final Words FRENCH = Languages.only("fr", ZoneOffset.UTC, Clock.systemUTC()).team();

    static Answers answers(String impact, String reach, String reproducible, String workaround) {
        return new Answers("1. open 2. click", "/contacts/new", "Error 500", List.of(), "production",
                Reach.fromCode(reach), Impact.fromCode(impact), Reproducibility.fromCode(reproducible),
                workaround.isEmpty() ? null : workaround, null);
    }

    @ParameterizedTest(name = "{0} for {1}, {2}, workaround ''{3}'' -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            essential:log in                 | all_customers | always    |                     | P1 | P1: 'log in' unusable for all customers, no workaround
            essential:search                 | one_user      | sometimes |                     | P1 | P1: 'search' unusable for one user, no workaround
            essential:log in                 | all_customers | always    | use the mobile app  | P2 | P2: 'log in' unusable for all customers, workaround: use the mobile app
            function                         | all_customers | always    | Excel simulator     | P2 | P2: a function inoperable for all customers, workaround: Excel simulator
            function                         | several_users | always    |                     | P2 | P2: a function inoperable for several users, no workaround
            degraded                         | all_customers | always    |                     | P3 | P3: every function still works (degraded, for all customers)
            request                          | one_user      | always    |                     | P3 | P3: a request or a question, not a malfunction
            essential:log in                 | all_customers | once      |                     | P3 | P3: not reproducible (happened once); a P1 or P2 must come back when tried again
            """)
    void the_seeds_rules_decide_by_impact(String impact, String reach, String reproducible, String workaround,
                                          Priority expected, String reason) {
        PriorityDecision decision = new PriorityPolicy(PolicyRules.defaults())
                .decide(answers(impact, reach, reproducible, workaround == null ? "" : workaround));
        assertEquals(expected, decision.priority());
        assertEquals(reason, decision.reason());
    }

    @ParameterizedTest(name = "strict P2: {0}, workaround ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            function         | Excel simulator | P2
            function         |                 | P3
            essential:log in |                 | P1
            """)
    void a_team_can_require_a_workaround_for_p2(String impact, String workaround, Priority expected) {
        var strict = new PolicyRules(PolicyRules.defaults().essentialFunctions(), Reach.ONE_USER, true,
                Set.of(Reproducibility.ALWAYS));
        assertEquals(expected, new PriorityPolicy(strict)
                .decide(answers(impact, "all_customers", "always", workaround == null ? "" : workaround)).priority());
    }

    @ParameterizedTest(name = "P1 from {0} needs at least several users -> {1}")
    @CsvSource({"one_user,P2", "several_users,P1", "all_customers,P1"})
    void a_team_can_set_the_narrowest_reach_of_a_p1(String reach, Priority expected) {
        var rules = new PolicyRules(List.of("log in"), Reach.SEVERAL_USERS, false, Set.of(Reproducibility.ALWAYS));
        PriorityDecision decision = new PriorityPolicy(rules).decide(answers("essential:log in", reach, "always", ""));
        assertEquals(expected, decision.priority());
        if (expected == Priority.P2) {
            assertTrue(decision.reason().contains("a P1 must hit at least several users"), decision.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            all given                | steps | /page | Error 500 | 0 | 0
            screenshot for the error | steps | /page | -         | 1 | 0
            nothing                  | -     | -     | -         | 0 | 3
            no error nor screenshot  | steps | /page | -         | 0 | 1
            blank steps              | '  '  | /page | Error     | 0 | 1
            """)
    void a_report_is_complete_with_steps_place_and_error_or_screenshot(String name, String steps, String where,
                                                                       String error, int screenshots, int missing) {
        Answers a = new Answers(steps, where, error, screenshots == 0 ? List.of() : List.of("F123"), null,
                Reach.ONE_USER, new Impact.FunctionInoperable(), Reproducibility.ALWAYS, null, null);
        assertEquals(missing, Completeness.missing(a).size(), Completeness.missing(a).toString());
    }

    @ParameterizedTest(name = "{0} for {1}, {2}, workaround ''{3}'' in French")
    @CsvSource(delimiter = '|', textBlock = """
            essential:log in | all_customers | always    |                     | P1 : « log in » inutilisable pour tous les clients, sans contournement
            function         | team_or_site  | always    | calculer sous Excel | P2 : une fonction inopérante pour toute une équipe ou un site, contournement : calculer sous Excel
            degraded         | one_user      | always    |                     | P3 : toutes les fonctions marchent encore (fonctionnement dégradé, pour un utilisateur)
            essential:search | several_users | once      |                     | P3 : non reproductible (une seule fois) ; un P1 ou un P2 doit se reproduire quand on réessaie
            """)
    void a_french_reader_reads_the_reason_in_french_while_the_ticket_keeps_it_in_english(
            String impact, String reach, String reproducible, String workaround, String french) {
        PriorityDecision decision = new PriorityPolicy(PolicyRules.defaults())
                .decide(answers(impact, reach, reproducible, workaround == null ? "" : workaround));
        assertEquals(french, decision.reason(FRENCH));
        assertTrue(decision.reason().startsWith(decision.priority() + ": "), decision.reason());
    }

    @Test
    void what_widened_the_reach_is_said_after_the_reason_with_its_plural() {
        PriorityDecision widened = new PriorityPolicy(PolicyRules.defaults())
                .decide(answers("essential:log in", "several_users", "always", ""))
                .noting(Phrase.of("qualification.reason.widened", "people", 2, "answered",
                        "one_user"));
        assertEquals("P1: 'log in' unusable for several users, no workaround (2 people reported it; answered: one"
                + " user)", widened.reason());
        assertEquals("P1 : « log in » inutilisable pour plusieurs utilisateurs, sans contournement (2 personnes l’ont"
                + " signalé ; réponse donnée : un utilisateur)", widened.reason(FRENCH));
    }

    @Test
    void what_a_report_lacks_is_said_in_the_readers_language() {
        Answers nothing = new Answers(null, null, null, List.of(), null, Reach.ONE_USER,
                new Impact.FunctionInoperable(), Reproducibility.ALWAYS, null, null);
        assertEquals(List.of("les étapes pour reproduire le problème (sur quels boutons vous cliquez, dans l’ordre)",
                "l’endroit de l’application où vous êtes (module, page ou URL)",
                "le message d’erreur exact, ou une capture d’écran"),
                Completeness.lacking(nothing).stream().map(m -> FRENCH.say(m.phrase())).toList());
        assertEquals("the exact error message, or a screenshot", Completeness.missing(nothing).get(2));
    }
}
