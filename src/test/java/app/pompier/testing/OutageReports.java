package app.pompier.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How people report one outage (the CRM's log-in is down), in French and English, with their greetings, typos and
 * shouting; and thirty reports of other problems that come the same morning. Deterministic for a given seed.
 */
public final class OutageReports {
    private static final List<String> OUTAGE = List.of(
            "je n'arrive plus à me connecter", "Impossible de me connecter au CRM", "login KO",
            "page blanche après connexion", "connexion impossible depuis ce matin", "Erreur 500 à la connexion",
            "le CRM ne me laisse plus entrer, écran de login qui tourne", "impossible de s'authentifier ce matin",
            "je suis bloqué sur la page de connexion", "la connexion ne marche pas", "écran blanc quand je me logue",
            "can't log in", "login page is blank", "Unable to sign in to the CRM since this morning", "login broken",
            "getting error 500 when logging in", "SSO login fails", "plus moyen de me connecter au CRM",
            "connexion au CRM KO", "cannot login anymore", "la page de login reste blanche",
            "on ne peut plus se connecter dans toute l'équipe", "authentification en échec", "log in doesn't work");
    private static final List<String> BEFORE = List.of("", "", "", "Bonjour, ", "Hello, ", "Urgent : ", "Salut, ",
            "Hi team, ", "@support ");
    private static final List<String> AFTER = List.of("", "", "", " !!", " ?", " depuis 9h", " merci",
            " (équipe Lyon)", " since 9am", " help", " svp");
    private static final List<String> OTHER = List.of(
            "l'export PDF des factures est en erreur", "je ne trouve pas comment ajouter un contact",
            "demande de création de compte pour un nouvel arrivant", "le rapport mensuel des ventes est faux",
            "les emails de relance ne partent plus", "la recherche de clients est très lente",
            "mot de passe oublié, pouvez-vous le réinitialiser ?", "how do I change the currency on a quote?",
            "the invoice total is wrong on order 4521", "impression des bons de livraison KO",
            "export Excel des opportunités plante", "la synchronisation avec l'agenda Outlook ne fonctionne plus",
            "les droits d'accès de mon équipe ont changé", "erreur lors de l'import du fichier CSV des prospects",
            "le paiement par carte échoue sur le portail", "le bouton Enregistrer est grisé sur la fiche contact",
            "the dashboard widgets show no data", "page blanche sur l'export des devis",
            "le champ SIRET n'accepte pas les espaces", "can we add a field 'segment' to accounts?",
            "notifications mobiles en double", "la fusion de deux fiches client a perdu l'historique",
            "the quote PDF has the old logo", "je voudrais un accès en lecture au module stock",
            "le calcul de la TVA intracommunautaire est faux", "pipeline report takes minutes to load",
            "les pièces jointes de plus de 10 Mo sont refusées", "l'adresse de livraison ne se met pas à jour",
            "signature électronique du contrat en erreur", "comment archiver une opportunité perdue ?");

    /** One report of the outage, wording {@code n}. */
    public static String outage(Random random) {
        String text = BEFORE.get(random.nextInt(BEFORE.size())) + OUTAGE.get(random.nextInt(OUTAGE.size()))
                + AFTER.get(random.nextInt(AFTER.size()));
        return random.nextInt(10) == 0 ? text.toUpperCase() : text;
    }

    /** {@code count} reports of other problems, each different. */
    public static List<String> others(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(OTHER.get(i % OTHER.size()));
        }
        return out;
    }

    private OutageReports() {
    }
}
