package io.skillgraph.neo4jlocal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Starts a real Neo4j Community DBMS embedded in this JVM, with Bolt on a loopback port.
 *
 * <p>Configuration comes from system properties (all optional):
 * <ul>
 *   <li>{@code neo4j.home} (default {@code .data/neo4j}): home and data directory;</li>
 *   <li>{@code neo4j.bolt.host} (default {@code 127.0.0.1}) and {@code neo4j.bolt.port} (default 7687);</li>
 *   <li>{@code neo4j.pagecache.mb} (default 512): page cache size;</li>
 *   <li>{@code neo4j.tx.timeout.s} (default 60): transaction timeout.</li>
 * </ul>
 * The JVM heap is set by the caller ({@code -Xmx}). Prints {@code NEO4J-LOCAL READY} once Bolt
 * accepts connections, and shuts the DBMS down cleanly on SIGTERM/SIGINT.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("neo4j.home", ".data/neo4j")).toAbsolutePath();
        String host = System.getProperty("neo4j.bolt.host", "127.0.0.1");
        int port = Integer.parseInt(System.getProperty("neo4j.bolt.port", "7687"));
        long pageCacheMb = Long.parseLong(System.getProperty("neo4j.pagecache.mb", "512"));
        long txTimeoutS = Long.parseLong(System.getProperty("neo4j.tx.timeout.s", "60"));
        Files.createDirectories(home);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutS))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEO4J-LOCAL STOPPING");
            dbms.shutdown();
            System.out.println("NEO4J-LOCAL STOPPED");
            System.out.flush();
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        // Touch the default database so that it is fully started before we say so.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("NEO4J-LOCAL READY bolt://" + host + ":" + port + " home=" + home);
        System.out.flush();
        stopped.await();
    }
}
