package app.pompier.ops;

import app.pompier.language.Phrase;

import java.util.Optional;

/**
 * The people and channels of the workspace an owner can be: whoever owns a maintenance or an operation is told of
 * its collisions, so a script naming one must name someone the chat knows.
 */
public interface Owners {

    /**
     * Why {@code id} (a person's or a channel's id, well formed) cannot own a plan: no such person, someone who left,
     * a channel Pompier cannot post in, said in the reader's language; empty
     * when it can.
     *
     * @throws RuntimeException when the chat cannot be asked now (broken infrastructure: try again later)
     */
    Optional<Phrase> whyNot(String id);
}
