package app.pompier.outage;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a report says, reduced to what two reports of one outage share whatever their wording: accents and case
 * folded, French and English little words dropped, words cut to their stem, and the many ways of saying one thing
 * ("connexion", "se connecter", "login", "sign in") read as one concept. Words that say only that something is
 * wrong ("KO", "erreur", "marche pas") weigh little: every report has them. Character trigrams of the meaningful
 * words catch what the stems miss (a typo, a compound).
 */
public final class ReportWords {
    /** The weight of a word that only says something is wrong. */
    static final double GENERIC = 0.3;
    /** The weight of a number (an HTTP status, an error code): telling, but not alone. */
    static final double NUMBER = 0.6;

    private static final Set<String> STOP = Set.copyOf(java.util.List.of(
            // French
            "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "en", "et", "il",
            "ils", "je", "j", "la", "le", "les", "leur", "lui", "ma", "mais", "me", "mes", "moi", "mon", "ne", "n", "nos",
            "notre", "nous", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "sa", "se", "s", "ses", "son", "sur",
            "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y", "l", "d", "c", "m", "t",
            "est", "sont", "suis", "es", "etre", "ai", "as", "avons", "avez", "ont", "fait", "faire", "plus", "tres",
            "tout", "tous", "toute", "toutes", "depuis", "apres", "avant", "encore", "aussi", "bien", "bonjour",
            "merci", "svp", "stp", "hello", "salut", "ca", "cela", "ceci", "quand", "comme", "si", "donc", "alors",
            "rien", "chez", "mais", "matin", "soir", "aujourd", "hui", "ici", "la", "deja", "toujours", "peu", "moment",
            "quelqu", "un", "quelque", "chose", "personne", "idem", "pareil", "aussi", "help", "aide", "urgent",
            "numero", "num", "no", "nr", "number",
            // English
            "the", "an", "and", "or", "of", "to", "in", "on", "at", "for", "from", "with", "by", "is", "are", "was",
            "were", "be", "been", "it", "its", "this", "that", "these", "those", "i", "im", "me", "my", "we", "our",
            "you", "your", "he", "she", "they", "them", "their", "not", "no", "any", "anymore", "since", "after",
            "before", "again", "still", "just", "also", "very", "please", "hi", "thanks", "thank", "there", "here",
            "have", "has", "had", "do", "does", "did", "can", "could", "would", "will", "get", "got", "all", "anyone",
            "else", "same", "too", "today", "morning", "now", "what", "when", "as", "so", "but", "if", "than", "then",
            "seems", "seem", "like", "s", "t", "don", "doesn", "isn", "m", "re", "ve", "ll"));

    /** Stems (after {@link #stem}) that mean one thing, read as that thing. */
    private static final Map<String, String> CONCEPTS = new HashMap<>();

    private static void concept(String name, String... stems) {
        for (String s : stems) {
            CONCEPTS.put(s, name);
        }
    }

    static {
        concept("~login", "connect", "connex", "connection", "reconnect", "reconnex", "deconnect", "deconnex", "login",
                "logon", "log", "logg", "signin", "sign", "authentif", "authentifi", "authentific", "authent", "auth",
                "sso", "identif", "identifi", "identifiant", "entr", "logu", "logue");
        concept("~password", "password", "passe", "mdp", "pwd");
        concept("~blank", "blanch", "blanc", "blank", "white", "vid", "empty");
        concept("~page", "page", "ecran", "screen", "affich", "display", "charg", "load");
        concept("~slow", "lent", "lenteur", "slow", "ram", "latenc", "tourn", "spin", "attent", "timeout");
        concept("~down", "indisponibl", "unavailabl", "down", "hs", "inaccessibl", "unreachabl", "outag");
        concept("~app", "application", "appli", "app", "site", "plateform", "platform", "outil", "tool", "crm", "erp");
        concept("~order", "command", "order", "panier", "cart", "checkout");
        concept("~pay", "pai", "paiement", "payment", "pay", "cb", "carte");
        concept("~export", "export", "extract", "telecharg", "download");
        concept("~invoice", "factur", "invoic", "bill");
        concept("~mail", "mail", "email", "courriel", "notif", "notification");
        concept("~search", "recherch", "search", "cherch", "trouv", "find");
        concept("~fail", "ko", "marche", "march", "fonctionn", "panne", "broken", "break", "fail", "failur", "erreur",
                "error", "err", "bug", "plant", "crash", "impossibl", "cannot", "cant", "unabl", "arriv", "work",
                "problem", "probleme", "issu", "souci", "bloqu", "block", "stuck", "coinc", "refus", "fonctionn",
                "rate", "echou", "echec", "oops", "encor", "toujour");
    }

    private static final Set<String> GENERIC_CONCEPTS = Set.of("~fail", "~app", "~page");

    private final Map<String, Double> concepts;
    private final Map<String, Integer> trigrams;
    private final double conceptNorm;
    private final double trigramNorm;

    private ReportWords(Map<String, Double> concepts, Map<String, Integer> trigrams) {
        this.concepts = concepts;
        this.trigrams = trigrams;
        this.conceptNorm = Math.sqrt(concepts.values().stream().mapToDouble(w -> w * w).sum());
        this.trigramNorm = Math.sqrt(trigrams.values().stream().mapToDouble(c -> (double) c * c).sum());
    }

    public static ReportWords of(String text) {
        Map<String, Double> concepts = new HashMap<>();
        Map<String, Integer> trigrams = new HashMap<>();
        for (String word : folded(text).split(" ")) {
            if (word.isEmpty() || STOP.contains(word)) {
                continue;
            }
            String stem = stem(word);
            String concept = CONCEPTS.getOrDefault(stem, CONCEPTS.getOrDefault(word, stem));
            double weight = GENERIC_CONCEPTS.contains(concept) ? GENERIC
                    : Character.isDigit(concept.charAt(0)) ? NUMBER : 1.0;
            concepts.merge(concept, weight, Math::max);
            if (weight == 1.0) {
                String padded = " " + stem + " ";
                for (int i = 0; i + 3 <= padded.length(); i++) {
                    trigrams.merge(padded.substring(i, i + 3), 1, Integer::sum);
                }
            }
        }
        return new ReportWords(Map.copyOf(concepts), Map.copyOf(trigrams));
    }

    /**
     * Accents and case folded, the ligatures French writes ("cœur", "ex æquo") as two letters, elisions split
     * ("n'arrive" is "n arrive"), anything but letters and digits a space.
     */
    static String folded(String text) {
        if (text == null) {
            return "";
        }
        // NFD leaves œ and æ whole: they are letters of their own to Unicode, not an o with a mark.
        String ascii = Normalizer.normalize(text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
                .replace("Æ", "AE"), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replace("can't", "cant").replace("cannot", "cant")
                .replaceAll("[^a-z0-9]+", " ").trim();
    }

    /** A light stemmer for French and English: plurals, then the commonest endings, keeping four letters at least. */
    static String stem(String word) {
        String w = word;
        if (w.length() > 4 && (w.endsWith("s") || w.endsWith("x"))) {
            w = w.substring(0, w.length() - 1);
        }
        for (String ending : new String[]{"ements", "ement", "ations", "ation", "ement", "ions", "ion", "ing",
                "able", "ible", "ees", "ee", "er", "ez", "ed", "es", "e", "ent"}) {
            if (w.endsWith(ending) && w.length() - ending.length() >= 4) {
                return w.substring(0, w.length() - ending.length());
            }
        }
        return w;
    }

    /** Nothing meaningful: only little words, or no text. */
    public boolean isEmpty() {
        return concepts.isEmpty();
    }

    /** The concepts named, for the rules that read them (an essential function named). */
    Set<String> concepts() {
        return concepts.keySet();
    }

    /** Whether the report says more than that something is wrong. */
    boolean saysWhat() {
        return concepts.values().stream().anyMatch(w -> w > GENERIC);
    }

    /**
     * How alike two reports read, from 0 to 1: the cosine of their weighted concepts (what they say), with a
     * little of the cosine of their trigrams (how they spell it).
     */
    public double similarity(ReportWords other) {
        if (conceptNorm == 0 || other.conceptNorm == 0) {
            return 0;
        }
        double dot = 0;
        for (var e : concepts.entrySet()) {
            Double w = other.concepts.get(e.getKey());
            if (w != null) {
                dot += e.getValue() * w;
            }
        }
        double byConcept = dot / (conceptNorm * other.conceptNorm);
        double byTrigram = 0;
        if (trigramNorm > 0 && other.trigramNorm > 0) {
            double t = 0;
            for (var e : trigrams.entrySet()) {
                Integer c = other.trigrams.get(e.getKey());
                if (c != null) {
                    t += (double) e.getValue() * c;
                }
            }
            byTrigram = t / (trigramNorm * other.trigramNorm);
        }
        return 0.75 * byConcept + 0.25 * byTrigram;
    }
}
