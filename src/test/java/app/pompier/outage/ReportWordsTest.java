package app.pompier.outage;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWordsTest {
    static final double THRESHOLD = GroupingSettings.defaults(List.of()).threshold();
    /**
     * What the words alone must give for two reports of one outage: a little under the threshold, which the same
     * channel and the same essential function named make up (RelatingReports adds them).
     */
    static final double ALIKE = THRESHOLD - 0.05;

    static double similarity(String a, String b) {
        return ReportWords.of(a).similarity(ReportWords.of(b));
    }

    @Test
    void one_outage_in_french_and_english_words_reads_alike() {
        String first = "Impossible de me connecter au CRM depuis ce matin";
        for (String other : List.of("je n'arrive plus à me connecter", "login KO", "Connexion impossible !!",
                "can't log in", "Unable to sign in to the CRM", "SSO login fails", "la connexion ne marche pas")) {
            assertTrue(similarity(first, other) >= ALIKE, other + ": " + similarity(first, other));
        }
    }

    @Test
    void a_wording_far_from_the_first_report_is_close_to_one_of_its_related_reports() {
        assertTrue(similarity("Impossible de me connecter au CRM", "écran blanc quand je me logue") < ALIKE);
        assertTrue(similarity("page blanche après connexion", "écran blanc quand je me logue") >= THRESHOLD);
    }

    @Test
    void other_problems_read_apart_even_when_they_also_say_erreur_or_ko() {
        String outage = "Impossible de me connecter au CRM, erreur 500";
        for (String other : List.of("l'export PDF des factures est en erreur", "impression des bons de livraison KO",
                "mot de passe oublié, pouvez-vous le réinitialiser ?", "la recherche de clients est très lente",
                "the invoice total is wrong on order 4521", "demande de création de compte pour un nouvel arrivant")) {
            assertTrue(similarity(outage, other) < THRESHOLD, other + ": " + similarity(outage, other));
        }
    }

    @Test
    void accents_case_and_elisions_are_folded() {
        assertEquals(1.0, similarity("CONNEXION IMPOSSIBLE", "connexion impossible"), 1e-9);
        assertEquals(1.0, similarity("Écran blanché", "ecran blanche"), 1e-9);
        assertEquals("n arrive plus", ReportWords.folded("N'arrive plus"));
    }

    @Test
    void french_accents_and_the_typographic_apostrophe_read_as_plain_letters() {
        // What French reporters type on a Mac or a phone: ’ rather than ', capitals with their accents.
        assertEquals(1.0, similarity("je n’arrive plus à me connecter", "je n'arrive plus a me connecter"), 1e-9);
        assertEquals(1.0, similarity("ÉCRAN BLANC APRÈS CONNEXION", "écran blanc après connexion"), 1e-9);
        assertEquals(1.0, similarity("La génération des états financiers échoue",
                "la generation des etats financiers echoue"), 1e-9);
        assertEquals(1.0, similarity("Le cœur de facturation ne répond plus", "le coeur de facturation ne repond plus"),
                1e-9);
        assertTrue(similarity("Impossible de me connecter au CRM", "Connexion refusée au CRM") >= THRESHOLD);
        assertTrue(similarity("Impossible de me connecter au CRM", "L’export PDF des factures est en erreur")
                < THRESHOLD);
    }

    @Test
    void a_report_that_only_says_something_is_wrong_says_nothing_to_group_on() {
        assertFalse(ReportWords.of("ça marche pas, erreur, KO !!!").saysWhat());
        assertTrue(ReportWords.of("").isEmpty());
        assertTrue(ReportWords.of("login KO").saysWhat());
        assertEquals(0.0, similarity("", "login KO"));
    }

    @Test
    void a_typo_still_counts_through_the_letters() {
        assertTrue(similarity("conexion impossible", "connexion impossible") > 0.3);
    }
}
