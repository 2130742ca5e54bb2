package io.layerline.bench;

import io.layerline.testing.Infrastructure;
import io.layerline.testing.ServiceJar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Harbor webhook deliveries per second and their 99th percentile latency, driven by wrk over loopback against the
 * build-service's jar — each delivery a new pushed artifact, so each is authenticated, parsed, de-duplicated,
 * stored and announced through the outbox — beside wrk against the same service's liveness probe, which does
 * nothing. Harbor's API is not configured, so the tags come from the delivery and no call back is made. The baseline
 * goes first; each endpoint is warmed up for five seconds with as many connections before it is measured.
 *
 * <p>Usage: {@code IngressBenchmark [seconds=20] [connections=16]}; needs {@code wrk} on the PATH.
 */
public final class IngressBenchmark {

    private static final String SECRET = "bench-webhook-secret";
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");

    private IngressBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path home = Path.of(System.getProperty("layerline.home", ".")).toAbsolutePath().normalize();
        Path script = Files.createTempFile("harbor-webhook", ".lua");
        Files.writeString(script, LUA.replace("@SECRET@", SECRET));
        try (ServiceJar build = ServiceJar.start(home, "build-service", Infrastructure.newDatabase(), Map.of(
                "LAYERLINE_BUILD_HARBOR_WEBHOOK_SECRET", SECRET,
                "LAYERLINE_BUILD_HARBOR_REGISTRY", "harbor.example.com"))) {
            String liveness = build.base().resolve("/health/liveness").toString();
            String harbor = build.base().resolve("/api/v1/webhooks/harbor").toString();
            wrk(List.of("-t2", "-c" + connections, "-d5s", liveness));
            Result trivial = wrk(List.of("-t2", "-c" + connections, "-d" + seconds + "s", "--latency", liveness));
            wrk(List.of("-t2", "-c" + connections, "-d5s", "-s", script.toString(), harbor));
            Result webhook = wrk(List.of("-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s",
                    script.toString(), harbor));
            System.out.printf("ingress Harbor webhook: %,8.0f req/s, p99 %6.1f ms | trivial endpoint: %,8.0f req/s,"
                            + " p99 %6.1f ms | ratio %.2f (%d connections, %d s, RSS %,d MiB)%n",
                    webhook.rate(), webhook.p99Millis(), trivial.rate(), trivial.p99Millis(),
                    webhook.rate() / trivial.rate(), connections, seconds, build.residentMib());
        } finally {
            Files.deleteIfExists(script);
        }
        System.exit(0);
    }

    private record Result(double rate, double p99Millis) {
    }

    private static Result wrk(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        if (output.contains("Non-2xx")) {
            throw new IllegalStateException("some requests were refused:\n" + output);
        }
        Matcher rate = RATE.matcher(output);
        Matcher p99 = P99.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output:\n" + output);
        }
        double millis = Double.NaN;
        if (p99.find()) {
            double value = Double.parseDouble(p99.group(1));
            millis = switch (p99.group(2)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
        }
        return new Result(Double.parseDouble(rate.group(1)), millis);
    }

    /** A Harbor CloudEvents push per request, each of a new digest, with the webhook's secret. */
    private static final String LUA = """
            local counter = 0
            local threads = 0
            function setup(thread)
              threads = threads + 1
              thread:set("tid", threads)
            end
            function request()
              counter = counter + 1
              local digest = "sha256:" .. string.rep("0", 40) .. string.format("%08x%016x", tid, counter)
              local body = string.format([[{"specversion": "1.0", "id": "%s", "source": "/projects/3/webhook/policies/1",
               "type": "harbor.artifact.pushed", "datacontenttype": "application/json", "time": "2026-11-25T10:00:00Z",
               "data": {"resources": [{"digest": "%s", "tag": "1.0",
                 "resource_url": "harbor.example.com/bench/app:1.0"}],
                "repository": {"name": "app", "namespace": "bench", "repo_full_name": "bench/app",
                 "repo_type": "private"}},
               "operator": "robot$ci"}]], digest, digest)
              return wrk.format("POST", nil, {["Content-Type"] = "application/json",
                ["Authorization"] = "@SECRET@"}, body)
            end
            """;
}
