package io.minibase.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * infra/backup/minibase-backup against the MariaDB/MySQL of the machine
 * ({@code DB_HOST}/{@code DB_PORT}, default 127.0.0.1:3306, root): dumps throwaway
 * schemas, keeps only the newest dumps, and restores one into empty databases.
 */
class BackupIT {

	private static final String INSTALL = "apt-get install -y mariadb-client (or mysql-client)";

	private final String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));

	private final List<String> schemas = List.of("backup_it_auth_" + this.suffix, "backup_it_orders_" + this.suffix);

	@TempDir
	Path dir;

	@AfterEach
	void dropTheSchemas() {
		for (String schema : this.schemas) {
			sql("DROP DATABASE IF EXISTS " + schema);
		}
	}

	@Test
	void aDumpRestoredIntoEmptyDatabasesHasTheDataAndOnlyTheNewestDumpsAreKept() throws Exception {
		String users = this.schemas.get(0);
		String orders = this.schemas.get(1);
		sql("CREATE DATABASE " + users + " CHARACTER SET utf8mb4");
		sql("CREATE DATABASE " + orders + " CHARACTER SET utf8mb4");
		sql("CREATE TABLE " + users + ".users (id BIGINT PRIMARY KEY, nickname VARCHAR(64), avatar VARBINARY(16))");
		sql("INSERT INTO " + users + ".users VALUES (1, '小明', X'00FF10'), (2, 'alice', NULL)");
		sql("CREATE TABLE " + orders + ".orders (id VARCHAR(36) PRIMARY KEY, user_id BIGINT, total_fen INT)");
		sql("INSERT INTO " + orders + ".orders VALUES ('o-1', 1, 1250)");

		for (int i = 0; i < 3; i++) {
			backup().assertSuccess("minibase-backup backup");
			// a dump is named by its second: the next one waits for a later second
			Instant done = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS).isAfter(done));
		}
		List<Path> dumps = dumps();
		assertThat(dumps).as("BACKUP_KEEP=2").hasSize(2);

		// a disaster: the data is gone, the schemas are empty
		sql("DROP DATABASE " + users);
		sql("DROP DATABASE " + orders);
		sql("CREATE DATABASE " + users);
		sql("CREATE DATABASE " + orders);
		Path newest = dumps.stream().max(Path::compareTo).orElseThrow();
		script("restore", newest.toString()).assertSuccess("minibase-backup restore");

		assertThat(sql("SELECT id, nickname, HEX(avatar) FROM " + users + ".users ORDER BY id"))
			.isEqualTo("1\t小明\t00FF10\n2\talice\tNULL\n");
		assertThat(sql("SELECT id, user_id, total_fen FROM " + orders + ".orders")).isEqualTo("o-1\t1\t1250\n");
	}

	@Test
	void aDumpThatFailsKeepsTheOlderDumps() throws IOException {
		this.schemas.forEach((schema) -> sql("CREATE DATABASE " + schema));
		backup().assertSuccess("minibase-backup backup");
		Map<String, String> env = environment();
		env.put("BACKUP_SCHEMAS", "no_such_schema_" + this.suffix);
		Tools.Result failed = Tools.run(List.of(script().toString(), "backup"), this.dir, env, Duration.ofSeconds(60));
		assertThat(failed.exitCode()).isNotZero();
		assertThat(dumps()).hasSize(1);
		try (Stream<Path> files = Files.list(this.dir.resolve("dumps"))) {
			assertThat(files).as("no partial file left").hasSize(1);
		}
	}

	private Tools.Result backup() {
		return script("backup");
	}

	private Tools.Result script(String... arguments) {
		List<String> command = new ArrayList<>(List.of(script().toString()));
		command.addAll(List.of(arguments));
		return Tools.run(command, this.dir, environment(), Duration.ofSeconds(120));
	}

	private Path script() {
		Tools.require("mariadb-dump", INSTALL);
		return Tools.repoRoot().resolve("infra/backup/minibase-backup");
	}

	private Map<String, String> environment() {
		Map<String, String> env = new HashMap<>();
		env.put("DB_HOST", host());
		env.put("DB_PORT", port());
		env.put("DB_USER", System.getenv().getOrDefault("DB_USER", "root"));
		env.put("DB_PASSWORD", System.getenv().getOrDefault("DB_PASSWORD", ""));
		env.put("BACKUP_SCHEMAS", String.join(" ", this.schemas));
		env.put("BACKUP_DIR", this.dir.resolve("dumps").toString());
		env.put("BACKUP_KEEP", "2");
		return env;
	}

	private List<Path> dumps() throws IOException {
		try (Stream<Path> files = Files.list(this.dir.resolve("dumps"))) {
			return files.filter((f) -> f.getFileName().toString().matches("minibase-.*\\.sql\\.gz")).toList();
		}
	}

	private String sql(String statement) {
		Path mariadb = Tools.require("mariadb", INSTALL);
		Map<String, String> env = Map.of("MYSQL_PWD", System.getenv().getOrDefault("DB_PASSWORD", ""));
		return Tools
			.run(List.of(mariadb.toString(), "--protocol=TCP", "-h", host(), "-P", port(), "-u",
					System.getenv().getOrDefault("DB_USER", "root"), "--default-character-set=utf8mb4", "-N", "-B",
					"-e", statement), this.dir, env, Duration.ofSeconds(30))
			.assertSuccess(
					"MariaDB on " + host() + ":" + port() + " (set DB_HOST/DB_PORT/DB_USER/DB_PASSWORD): " + statement)
			.output();
	}

	private static String host() {
		return System.getenv().getOrDefault("DB_HOST", "127.0.0.1");
	}

	private static String port() {
		return System.getenv().getOrDefault("DB_PORT", "3306");
	}

}
