package io.layerline.contracts;

/** An event about one image: keyed by its repository, so every event of a repository keeps its order. */
public interface ImageEvent extends LayerlineEvent {

    String repository();

    String digest();

    @Override
    default String partitionKey() {
        return repository();
    }

    @Override
    default String subject() {
        return repository() + "@" + digest();
    }
}
