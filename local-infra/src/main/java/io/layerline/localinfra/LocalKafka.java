package io.layerline.localinfra;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), running in this JVM.
 * Its log directory survives {@link #stop()}, so {@link #start()} brings back the same cluster with its topics,
 * records and committed offsets, on the same port.
 */
public final class LocalKafka implements AutoCloseable {

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    private LocalKafka(Path logDir, int port, int controllerPort) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats {@code logDir} unless it holds a cluster already, and starts the broker on {@code port} (0: any). */
    public static LocalKafka start(Path logDir, int port) {
        LocalKafka kafka = new LocalKafka(logDir, port == 0 ? Ports.free() : port, Ports.free());
        kafka.start();
        return kafka;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            KafkaConfig config = KafkaConfig.fromProps(properties(), false);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format();
            }
            KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
            raftServer.startup();
            server = raftServer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Kafka log directory " + logDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Kafka in " + logDir, e);
        }
    }

    private void format() throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    /** Stops the broker; its data stays for the next {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "true");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "3");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        props.put("num.io.threads", "2");
        props.put("num.network.threads", "2");
        props.put("num.recovery.threads.per.data.dir", "1");
        props.put("controlled.shutdown.enable", "false");
        // a restarted broker waits for its previous registration to expire: keep that short
        props.put("broker.heartbeat.interval.ms", "500");
        props.put("broker.session.timeout.ms", "2000");
        return props;
    }
}
