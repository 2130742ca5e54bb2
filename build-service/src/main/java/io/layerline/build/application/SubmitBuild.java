package io.layerline.build.application;

import io.layerline.build.application.port.Builds;
import io.layerline.build.domain.build.Build;
import io.layerline.build.domain.build.BuildDefinition;
import io.layerline.build.domain.build.ContextSource;
import io.layerline.build.domain.build.Squash;
import io.layerline.build.domain.reference.ImageReference;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queues a build asked for over the API: the request validated as a whole, every problem named with its field. A
 * queued build — this one, a reproduction or a cascade's rebuild — is handed to the {@link BuildWorker} once its row
 * commits.
 */
@Singleton
public class SubmitBuild {

    /**
     * @param registry  where to push; the configured registry when absent
     * @param contextId an uploaded context, or
     * @param gitUrl    a git repository at {@code gitRef}
     * @param stageTags named stages to push as well: stage → {@code repository:tag} references in the same registry
     * @param squash    {@code onto-base} to merge what the Dockerfile adds into one layer; {@code none} or null not
     */
    public record Command(String registry, String repository, String contextId, String gitUrl, String gitRef,
                          String dockerfile, String target, Map<String, String> buildArgs,
                          Map<String, String> labels, List<String> tags, String requestedBy,
                          Map<String, List<String>> stageTags, String squash) {

        /** Null entries are kept, for {@link SubmitBuild#problems} to name: a JSON body may hold them. */
        public Command {
            buildArgs = buildArgs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
            labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
            tags = tags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tags));
            stageTags = stageTags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stageTags));
        }
    }

    /** What asking for a build gave. */
    public sealed interface Outcome permits Queued, Refused {
    }

    public record Queued(Build build) implements Outcome {
    }

    /** Nothing was queued, for these reasons. */
    public record Refused(List<FieldError> problems) implements Outcome {

        static Refused because(String field, String message) {
            return new Refused(List.of(new FieldError(field, message)));
        }
    }

    public record FieldError(String field, String message) {
    }

    private final Builds builds;
    private final BuildContexts contexts;
    private final BuildWorker worker;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final String defaultRegistry;

    SubmitBuild(Builds builds, BuildContexts contexts, BuildWorker worker,
                TransactionOperations<Connection> transactions, Clock clock, PushRegistry registry) {
        this.builds = builds;
        this.contexts = contexts;
        this.worker = worker;
        this.transactions = transactions;
        this.clock = clock;
        this.defaultRegistry = registry.host().orElse(null);
    }

    public Outcome submit(Command command) {
        List<FieldError> problems = problems(command);
        if (!problems.isEmpty()) {
            return new Refused(problems);
        }
        ContextSource context = command.contextId() != null ? new ContextSource.Uploaded(command.contextId())
                : new ContextSource.Git(command.gitUrl(), command.gitRef());
        BuildDefinition definition = new BuildDefinition(command.registry() != null ? command.registry()
                : defaultRegistry, command.repository(), context, command.dockerfile() == null ? "Dockerfile"
                : command.dockerfile(), command.target(), command.buildArgs(), command.labels(), command.tags(),
                command.stageTags(), command.squash() == null ? Squash.NONE
                : Squash.parse(command.squash()).orElseThrow());
        return queue(definition, command.requestedBy(), null, null, null);
    }

    /** Queues a build of {@code definition}; for a rebuild, with the cascade that asked and the base it wants. */
    Outcome queue(BuildDefinition definition, String requestedBy, String cascadeId, String requestedBaseDigest,
                  UUID reproductionOf) {
        if (definition.context() instanceof ContextSource.Uploaded uploaded && !contexts.exists(uploaded.id())) {
            return Refused.because("context.id", "no uploaded context " + uploaded.id());
        }
        Build build = Build.queued(definition, requestedBy, cascadeId, requestedBaseDigest, reproductionOf,
                clock.instant());
        transactions.executeWrite(status -> {
            builds.create(List.of(build));
            builds.saveDefinition(definition, build.queuedAt());
            status.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.schedule(build.id());
                }
            });
            return null;
        });
        return new Queued(build);
    }

    private List<FieldError> problems(Command command) {
        List<FieldError> problems = new ArrayList<>();
        String pushTo = command.registry() != null ? command.registry() : defaultRegistry;
        if (pushTo == null || pushTo.isBlank()) {
            problems.add(new FieldError("registry", "is required: no default registry is configured"));
        }
        String repository = command.repository();
        if (repository == null || repository.isBlank()) {
            problems.add(new FieldError("repository", "is required"));
        } else if (!ImageReference.isRepository(repository)) {
            problems.add(new FieldError("repository", "is not a repository name (lower-case path components)"));
        }
        if ((command.contextId() == null) == (command.gitUrl() == null)) {
            problems.add(new FieldError("context", "give exactly one of context.id (an uploaded archive) or "
                    + "context.git.url"));
        } else if (command.gitUrl() != null) {
            contexts.refusal(command.gitUrl())
                    .ifPresent(reason -> problems.add(new FieldError("context.git.url", reason)));
        } else if (!contexts.exists(command.contextId())) {
            problems.add(new FieldError("context.id", "no uploaded context " + command.contextId()));
        }
        String dockerfile = command.dockerfile();
        if (dockerfile != null && (dockerfile.startsWith("/") || dockerfile.contains("..") || dockerfile.isBlank())) {
            problems.add(new FieldError("dockerfile", "must be a relative path inside the context"));
        }
        if (command.tags().isEmpty()) {
            problems.add(new FieldError("tags", "at least one tag is required"));
        }
        for (String tag : command.tags()) {
            if (!ImageReference.isTag(tag)) {
                problems.add(new FieldError("tags", "'" + tag + "' is not a tag"));
            }
        }
        command.buildArgs().keySet().stream().filter(name -> !name.matches("[A-Za-z_][A-Za-z0-9_]*"))
                .forEach(name -> problems.add(new FieldError("buildArgs." + name, "is not an ARG name")));
        command.buildArgs().forEach((name, value) -> {
            if (value == null) {
                problems.add(new FieldError("buildArgs." + name, "must be a string"));
            }
        });
        command.labels().forEach((name, value) -> {
            if (value == null) {
                problems.add(new FieldError("labels." + name, "must be a string"));
            }
        });
        stageTagProblems(command.stageTags(), problems);
        if (command.squash() != null && Squash.parse(command.squash()).isEmpty()) {
            problems.add(new FieldError("squash", "is 'onto-base' or 'none'"));
        }
        if (problems.isEmpty()) {
            try {
                ImageReference.parse(pushTo + "/" + repository + ":" + command.tags().get(0));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldError("registry", e.getMessage()));
            }
        }
        return problems;
    }

    /** Stage names as a Dockerfile writes them; each named stage pushed under 1 to 10 references. */
    private static void stageTagProblems(Map<String, List<String>> stageTags, List<FieldError> problems) {
        if (stageTags.size() > 10) {
            problems.add(new FieldError("stageTags", "at most 10 stages"));
            return;
        }
        stageTags.forEach((stage, references) -> {
            String field = "stageTags." + stage;
            if (!stage.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
                problems.add(new FieldError(field, "is not a stage name"));
            } else if (references == null || references.isEmpty() || references.size() > 10) {
                problems.add(new FieldError(field, "give 1 to 10 references, repository:tag"));
            } else {
                for (String reference : references) {
                    int colon = reference == null ? -1 : reference.lastIndexOf(':');
                    if (colon < 1 || !ImageReference.isRepository(reference.substring(0, colon))
                            || !ImageReference.isTag(reference.substring(colon + 1))) {
                        problems.add(new FieldError(field, "'" + reference + "' is not repository:tag"));
                    }
                }
            }
        });
    }
}
