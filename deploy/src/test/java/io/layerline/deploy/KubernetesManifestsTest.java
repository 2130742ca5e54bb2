package io.layerline.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every manifest of deploy/k8s read into typed Kubernetes objects (fabric8's model), so a misspelt field or kind
 * fails the build, and the properties an operator relies on checked: probes, resources, non-root security, PDBs,
 * network policies, and 2+ replicas spread over nodes in the {@code ha} overlay.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final List<String> SERVICES = List.of("build-service", "promotion-service", "retention-service",
            "catalog-service");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private static List<HasMetadata> base;

    @BeforeAll
    static void readTheBase() throws IOException {
        base = new ArrayList<>();
        for (String resource : resources(K8S.resolve("base"))) {
            base.add(read(K8S.resolve("base").resolve(resource), HasMetadata.class));
        }
    }

    @Test
    void everyFileOfTheBaseIsListedInItsKustomizationAndReadsAsATypedObject() throws IOException {
        List<String> files;
        try (Stream<Path> listing = Files.list(K8S.resolve("base"))) {
            files = listing.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).sorted().toList();
        }
        assertThat(resources(K8S.resolve("base"))).containsExactlyInAnyOrderElementsOf(files);
        assertThat(base).hasSize(files.size());
        assertThat(base).allSatisfy(resource -> assertThat(resource.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/part-of", "layerline"));
    }

    @Test
    void eachServiceHasADeploymentServicePdbAndNetworkPolicy() {
        for (String service : SERVICES) {
            assertThat(named(Deployment.class, service)).as(service).isNotNull();
            assertThat(named(Service.class, service).getSpec().getSelector())
                    .containsEntry("app.kubernetes.io/name", service);
            assertThat(named(PodDisruptionBudget.class, service).getSpec().getMaxUnavailable().getIntVal())
                    .isEqualTo(1);
            NetworkPolicy policy = named(NetworkPolicy.class, service);
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/name", service);
            assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getPorts())
                    .anySatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(9092)));
        }
    }

    @Test
    void deploymentsProbeHealthLimitMemoryAndRunAsNonRootOnAReadOnlyRoot() {
        for (String service : SERVICES) {
            Deployment deployment = named(Deployment.class, service);
            var pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            assertProbe(container.getReadinessProbe(), "/health/readiness");
            assertProbe(container.getLivenessProbe(), "/health/liveness");
            assertProbe(container.getStartupProbe(), "/health/liveness");
            assertThat(container.getResources().getRequests()).as(service).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(service).containsKey("memory");
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(service).isEqualTo(10001L);
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(service).isTrue();
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(service).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(service).containsExactly("ALL");
            assertThat(pod.getAutomountServiceAccountToken()).as(service).isFalse();
            assertThat(container.getEnvFrom()).as(service).extracting(source -> source.getConfigMapRef() != null
                    ? source.getConfigMapRef().getName() : source.getSecretRef().getName())
                    .containsExactly("layerline-config", "layerline-secrets");
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/path", "/prometheus");
            assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
                    .isZero();
        }
    }

    @Test
    void theConsoleReachesEachServiceAndNothingElseAndHoldsNoSecret() {
        Deployment deployment = named(Deployment.class, "console");
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        assertProbe(container.getReadinessProbe(), "/health/readiness");
        assertProbe(container.getLivenessProbe(), "/health/liveness");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getEnvFrom()).as("no configuration or secret of the services").isNullOrEmpty();
        Map<String, String> environment = new HashMap<>();
        container.getEnv().forEach(variable -> environment.put(variable.getName(), variable.getValue()));
        for (String service : SERVICES) {
            String variable = "LAYERLINE_CONSOLE_" + service.replace("-service", "").toUpperCase() + "_URL";
            assertThat(environment).containsEntry(variable, "http://" + service);
            assertThat(named(NetworkPolicy.class, service).getSpec().getIngress()).as(service)
                    .anySatisfy(rule -> assertThat(rule.getFrom()).anySatisfy(peer -> assertThat(peer.getPodSelector())
                            .isNotNull().satisfies(selector -> assertThat(selector.getMatchLabels())
                                    .containsEntry("app.kubernetes.io/name", "console"))));
        }
        NetworkPolicy policy = named(NetworkPolicy.class, "console");
        assertThat(policy.getSpec().getEgress()).flatExtracting(rule -> rule.getPorts())
                .extracting(port -> port.getPort().getIntVal()).containsExactlyInAnyOrder(53, 53, 8080);
        assertThat(named(Service.class, "console").getSpec().getSelector())
                .containsEntry("app.kubernetes.io/name", "console");
        assertThat(named(PodDisruptionBudget.class, "console")).isNotNull();
    }

    @Test
    void kafkaAndPostgresAreExternalClustersNamedInTheConfigMap() {
        ConfigMap config = named(ConfigMap.class, "layerline-config");

        assertThat(config.getData()).containsKeys("LAYERLINE_KAFKA_BOOTSTRAP_SERVERS", "LAYERLINE_DATABASE_URL",
                "LAYERLINE_BUILD_DOCKER_HOST");
        assertThat(config.getData().values()).noneMatch(value -> value.toLowerCase().contains("password"));
        assertThat(base).noneMatch(resource -> resource.getKind().equals("StatefulSet"));
        assertThat(K8S.resolve("base/secrets.env.example")).exists();
        assertThat(K8S.resolve("base/secrets.env")).doesNotExist();
    }

    @Test
    void theHaOverlayRunsThreeReplicasOfEveryServiceSpreadOverNodes() throws IOException {
        Path overlay = K8S.resolve("overlays/ha");
        List<Deployment> patches = patches(overlay);

        assertThat(patches).extracting(patch -> patch.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(withTheConsole());
        assertThat(patches).allSatisfy(patch -> {
            assertThat(patch.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
            assertThat(patch.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .anySatisfy(spread -> assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
        });
        assertThat(kustomization(overlay)).containsEntry("namespace", "layerline");
    }

    @Test
    void theDevOverlayRunsOneSmallReplicaOfEveryService() throws IOException {
        Path overlay = K8S.resolve("overlays/dev");
        List<Deployment> patches = patches(overlay);

        assertThat(patches).extracting(patch -> patch.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(withTheConsole());
        assertThat(patches).allSatisfy(patch -> {
            assertThat(patch.getSpec().getReplicas()).isEqualTo(1);
            assertThat(patch.getSpec().getTemplate().getSpec().getContainers().get(0).getName())
                    .isEqualTo(patch.getMetadata().getName());
        });
    }

    @Test
    void theAdmissionComponentRegistersTheGateAsAValidatingWebhookOverTls() throws IOException {
        Path component = K8S.resolve("components/admission");
        Map<String, Object> kustomization = kustomization(component);
        assertThat(kustomization).containsEntry("kind", "Component");

        ValidatingWebhookConfiguration configuration = read(component.resolve("validating-webhook.yaml"),
                ValidatingWebhookConfiguration.class);
        ValidatingWebhook webhook = configuration.getWebhooks().get(0);
        assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
        assertThat(webhook.getSideEffects()).as("the verdict is audited but for a dry run").isEqualTo("NoneOnDryRun");
        assertThat(webhook.getTimeoutSeconds()).isLessThanOrEqualTo(10);
        assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
        assertThat(webhook.getClientConfig().getService().getName()).isEqualTo("catalog-service-webhook");
        assertThat(webhook.getClientConfig().getService().getPath()).startsWith("/api/v1/gates/admission?environment=");
        assertThat(webhook.getRules().stream().flatMap(rule -> rule.getResources().stream()))
                .contains("pods", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs");
        assertThat(webhook.getRules()).allSatisfy(rule -> assertThat(rule.getOperations())
                .containsExactlyInAnyOrder("CREATE", "UPDATE"));
        assertThat(webhook.getNamespaceSelector().getMatchExpressions()).anySatisfy(expression ->
                assertThat(expression.getValues()).contains("kube-system", "layerline"));
        assertThat(configuration.getMetadata().getAnnotations())
                .containsEntry("cert-manager.io/inject-ca-from", "layerline/catalog-service-webhook");

        Service service = read(component.resolve("webhook-service.yaml"), Service.class);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getPort()).isEqualTo(443);
            assertThat(port.getTargetPort().getStrVal()).isEqualTo("webhook");
        });
        Deployment patch = read(component.resolve("catalog-service-webhook-port.yaml"), Deployment.class);
        assertThat(patch.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                .anySatisfy(port -> {
                    assertThat(port.getName()).isEqualTo("webhook");
                    assertThat(port.getContainerPort()).isEqualTo(8443);
                });
        assertThat(patch.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(EnvVar::getName).contains("MICRONAUT_SERVER_SSL_ENABLED",
                        "MICRONAUT_SERVER_SSL_KEY_STORE_PATH", "MICRONAUT_SERVER_SSL_KEY_STORE_PASSWORD");
        assertThat(component.resolve("webhook.env")).doesNotExist();
    }

    /** Every Deployment an overlay patches: the four services and the console. */
    private static List<String> withTheConsole() {
        return Stream.concat(SERVICES.stream(), Stream.of("console")).toList();
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    private <T extends HasMetadata> T named(Class<T> type, String name) {
        return base.stream().filter(type::isInstance).map(type::cast)
                .filter(resource -> resource.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static List<Deployment> patches(Path overlay) throws IOException {
        List<Deployment> patches = new ArrayList<>();
        for (Map<String, String> patch : (List<Map<String, String>>) kustomization(overlay).get("patches")) {
            patches.add(read(overlay.resolve(patch.get("path")), Deployment.class));
        }
        return patches;
    }

    @SuppressWarnings("unchecked")
    private static List<String> resources(Path directory) throws IOException {
        return (List<String>) kustomization(directory).get("resources");
    }

    private static Map<String, Object> kustomization(Path directory) throws IOException {
        try (Reader reader = Files.newBufferedReader(directory.resolve("kustomization.yaml"))) {
            return new Yaml().load(reader);
        }
    }

    private static <T> T read(Path file, Class<T> type) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object read = SERIALIZATION.unmarshal(in);
            assertThat(read).as(file.toString()).isInstanceOf(type);
            return type.cast(read);
        }
    }
}
