package io.layerline.build.adapter.out.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.layerline.build.application.BuildFailure;
import io.layerline.build.application.BuildSettings;
import io.layerline.build.application.PushRegistry;
import io.layerline.build.application.port.BuildEngine;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The Docker Engine API through docker-java: Docker itself, or podman's compatible service. */
@Singleton
class DockerJavaEngine implements BuildEngine {

    private final DockerClient docker;
    private final String pushRegistry;
    private final String username;
    private final String password;

    DockerJavaEngine(BuildSettings settings, PushRegistry registry) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.dockerHost()).build();
        this.docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig()).maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(10)).responseTimeout(Duration.ofHours(2)).build());
        this.pushRegistry = registry.host().orElse(null);
        this.username = registry.username();
        this.password = registry.password();
    }

    @Override
    public String build(Spec spec, Consumer<String> log) throws BuildFailure {
        try (InputStream context = Files.newInputStream(spec.context())) {
            BuildImageCmd command = docker.buildImageCmd(context).withDockerfilePath(spec.dockerfile())
                    .withTags(new HashSet<>(spec.references())).withLabels(spec.labels()).withPull(false)
                    .withRemove(true);
            if (spec.target() != null) {
                command = command.withTarget(spec.target());
            }
            for (var argument : spec.buildArgs().entrySet()) {
                command = command.withBuildArg(argument.getKey(), argument.getValue());
            }
            BuildImageResultCallback callback = command.exec(new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    if (item.getStream() != null && !item.getStream().isBlank()) {
                        log.accept(item.getStream().stripTrailing());
                    }
                    if (item.getErrorDetail() != null) {
                        log.accept("error: " + item.getErrorDetail().getMessage());
                    }
                    super.onNext(item);
                }
            });
            try {
                return callback.awaitImageId();
            } catch (DockerClientException e) {
                throw new BuildFailure("the build failed: " + e.getMessage(), e);
            } finally {
                callback.close();
            }
        } catch (IOException e) {
            throw new BuildFailure("cannot send the context to the engine: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new BuildFailure("interrupted", e);
            }
            throw new BuildFailure("the engine refused the build: " + e.getMessage(), e);
        }
    }

    @Override
    public void push(String reference, Consumer<String> log) throws BuildFailure {
        int colon = reference.lastIndexOf(':');
        String name = reference.substring(0, colon);
        String tag = reference.substring(colon + 1);
        AtomicReference<String> error = new AtomicReference<>();
        AuthConfig auth = new AuthConfig().withRegistryAddress(name.substring(0, name.indexOf('/')));
        if (username != null && !username.isBlank() && name.startsWith(pushRegistry + "/")) {
            auth = auth.withUsername(username).withPassword(password);
        }
        try (ResultCallback.Adapter<PushResponseItem> callback = docker.pushImageCmd(name).withTag(tag)
                .withAuthConfig(auth).exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                        if (item.getErrorDetail() != null) {
                            error.set(item.getErrorDetail().getMessage());
                        } else if (item.getStatus() != null) {
                            log.accept(item.getStatus());
                        }
                    }
                })) {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("interrupted while pushing " + reference, e);
        } catch (IOException | RuntimeException e) {
            throw new BuildFailure("cannot push " + reference + ": " + e.getMessage(), e);
        }
        if (error.get() != null) {
            throw new BuildFailure("cannot push " + reference + ": " + error.get());
        }
    }

    @PreDestroy
    void close() throws IOException {
        docker.close();
    }
}
