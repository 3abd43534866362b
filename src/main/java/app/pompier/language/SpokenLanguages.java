package app.pompier.language;

import java.util.Optional;

/**
 * The language each person reads Slack in, as far as it is known. Looking it up never waits on Slack: a person not
 * known yet is learnt in the background, so that what they see next is in their language.
 */
public interface SpokenLanguages {
    /** The language code ({@code fr}, {@code en}…) {@code userId} reads Slack in, if known. */
    Optional<String> of(String userId);

    /** Learns {@code userId}'s language in the background if it is not known, or known for long; never waits. */
    void learn(String userId);

    /** Nobody's language is known: everyone reads their channel's or their team's. */
    SpokenLanguages NONE = new SpokenLanguages() {
        @Override
        public Optional<String> of(String userId) {
            return Optional.empty();
        }

        @Override
        public void learn(String userId) {
        }
    };
}
