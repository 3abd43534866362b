package app.pompier.ops;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The components the team names (customer_portal) with the words people use for them ("espace client"). */
public record Components(Map<String, List<String>> aliasesByKey) {
    public Components {
        aliasesByKey = Map.copyOf(aliasesByKey);
    }

    /** The component a name or alias designates, whatever its case or accents. */
    public Optional<String> find(String name) {
        String n = normal(name);
        for (var e : aliasesByKey.entrySet()) {
            if (normal(e.getKey()).equals(n) || e.getValue().stream().anyMatch(a -> normal(a).equals(n))) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** The components a report mentions by any of their names. */
    public Set<String> mentionedIn(String text) {
        Set<String> found = new LinkedHashSet<>();
        String t = " " + normal(text) + " ";
        aliasesByKey.forEach((key, aliases) -> {
            for (String alias : aliases) {
                if (t.contains(" " + normal(alias) + " ")) {
                    found.add(key);
                }
            }
        });
        return found;
    }

    /** The first alias, as people say it. */
    public String label(String key) {
        List<String> aliases = aliasesByKey.getOrDefault(key, List.of());
        return aliases.isEmpty() ? key.replace('_', ' ') : aliases.get(0);
    }

    static String normal(String text) {
        if (text == null) {
            return "";
        }
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
    }
}
